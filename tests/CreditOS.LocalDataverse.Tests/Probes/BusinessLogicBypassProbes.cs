using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Bypass custom Dataverse logic" (learn.microsoft.com/power-apps/developer/data-platform/bypass-custom-business-logic):
/// <c>BypassBusinessLogicExecution</c> "CustomSync, CustomAsync, or CustomSync,CustomAsync … to bypass synchronous logic,
/// asynchronous logic or, both"; <c>BypassBusinessLogicExecutionStepIds</c> "bypass only the specified plug-in steps … If the
/// step ID passed doesn't run in the given request, it's ignored", "the default limit on the number of steps you can pass is
/// three"; <c>BypassCustomPluginExecution</c> "Bypass only synchronous logic"; the privileges prvBypassCustomBusinessLogic and
/// prvBypassCustomPlugins, "only added to the system administrator security role"; FAQ: "Only those plugins or workflows that
/// apply to the specific operation are bypassed". Until session 24 a holder's request was refused as not implemented (501).
/// </summary>
public sealed class BusinessLogicBypassProbes
{
    [Theory]
    [InlineData("BypassBusinessLogicExecution", "CustomSync", "Create account 40 async")]
    [InlineData("BypassBusinessLogicExecution", "CustomAsync", "Create account 10 sync|Create account 20 sync")]
    [InlineData("BypassBusinessLogicExecution", "CustomSync,CustomAsync", "")]
    [InlineData("BypassCustomPluginExecution", true, "Create account 40 async")]
    [InlineData("BypassBusinessLogicExecutionStepIds", BypassWitnessPlugin.SyncCreateStep + "," + BypassWitnessPlugin.AsyncCreateStep, "Create account 10 sync")]
    public void AnAdministratorsBypass_SkipsTheNamedLogic_AndRunsTheRest(string parameter, object value, string expected)
    {
        using var env = Environment();
        var create = new CreateRequest { Target = Rows.Account("Contoso") };
        create.Parameters[parameter] = value;

        var id = ((CreateResponse)env.Dataverse.GetOrganizationService(TestEnvironment.Operator).Execute(create)).id;

        Assert.Equal(expected, Ran(env));
        Assert.Equal("Contoso", env.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AUserWithoutThePrivilege_IsRefused_WithThePrivilegesNameAndId_AndNothingIsWritten()
    {
        using var env = Environment();
        var clerk = env.AUser("Clerk Without Roles").Create();
        var service = env.Dataverse.GetOrganizationService(clerk);

        var plugins = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => service.Execute(Create("A", "BypassCustomPluginExecution", true)));
        var logic = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => service.Execute(Create("B", "BypassBusinessLogicExecution", "CustomAsync")));
        var steps = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => service.Execute(Create("C", "BypassBusinessLogicExecutionStepIds", BypassWitnessPlugin.SyncCreateStep)));

        Assert.Contains("is missing prvBypassCustomPlugins privilege (Id=148a9eaf-d0c4-4196-9852-c3a38e35f6a1)", plugins.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvBypassCustomBusinessLogic privilege (Id=0ea552b0-a491-4470-9a1b-82068deccf66)", logic.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvBypassCustomBusinessLogic privilege", steps.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Ran(env));
        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Theory]
    [InlineData("BypassBusinessLogicExecution", "customsync")]
    [InlineData("BypassBusinessLogicExecution", "CustomSync,All")]
    [InlineData("BypassBusinessLogicExecutionStepIds", "not-a-guid")]
    [InlineData("BypassBusinessLogicExecutionStepIds", "7a000000-0000-4000-8000-000000000001,7a000000-0000-4000-8000-000000000002,7a000000-0000-4000-8000-000000000003,7a000000-0000-4000-8000-000000000004")]
    [InlineData("BypassCustomPluginExecution", "yes")]
    public void AValueTheParameterDoesNotTake_IsRefused_NotTakenAsAskingNothing(string parameter, string value)
    {
        using var env = Environment();

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Dataverse.GetOrganizationService(TestEnvironment.Operator).Execute(Create("Contoso", parameter, value)));

        Assert.Contains(parameter, fault.Message, StringComparison.Ordinal);
        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public void AStepIdThatDoesNotRunInTheRequest_IsIgnored_AndTheWebApiExamplesQuotedListIsRead()
    {
        using var env = Environment();
        var quoted = $"\"{BypassWitnessPlugin.SyncContactStep}, {BypassWitnessPlugin.PreValidationStep}\"";

        env.Dataverse.GetOrganizationService(TestEnvironment.Operator).Execute(Create("Contoso", "BypassBusinessLogicExecutionStepIds", quoted));

        Assert.Equal("Create account 20 sync|Create account 40 async", Ran(env));
    }

    [Fact]
    public void APluginsOwnCall_IsNotBypassed_TheGeneratedUpdateOfAnUpsertIs()
    {
        using var env = Environment();
        var admin = env.Dataverse.GetOrganizationService(TestEnvironment.Operator);

        // CustomAsync: the account's asynchronous step is skipped; its synchronous step runs and creates a contact, whose own
        // asynchronous step runs ("If a plug-in … performs operations on other records, the logic for those operations aren't bypassed").
        admin.Execute(Create("spawn", "BypassBusinessLogicExecution", "CustomAsync"));
        Assert.Equal("Create account 10 sync|Create account 20 sync|Create contact 20 sync|Create contact 40 async", Ran(env));

        // The Update an Upsert is carried out with is the requested operation itself: its synchronous step is skipped.
        var id = env.Service.RetrieveMultiple(new QueryExpression("account")).Entities.Single().Id;
        var upsert = new UpsertRequest { Target = new Entity("account", id) { ["name"] = "renamed" } };
        upsert.Parameters["BypassBusinessLogicExecution"] = "CustomSync";
        var before = env.Dataverse.PluginExecutions.Count;
        admin.Execute(upsert);
        Assert.Equal(before, env.Dataverse.PluginExecutions.Count);
        Assert.Equal("renamed", env.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void OnExecuteMultipleItself_AHoldersBypassIsRefusedLoudly_OnItsInnerRequestsItApplies()
    {
        using var env = Environment();
        var admin = env.Dataverse.GetOrganizationService(TestEnvironment.Operator);
        var outer = new ExecuteMultipleRequest
        {
            Requests = [new CreateRequest { Target = Rows.Account("A") }],
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
        };
        outer.Parameters["BypassBusinessLogicExecution"] = "CustomSync";

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => admin.Execute(outer));
        Assert.Contains("not documented", fault.Message, StringComparison.Ordinal);
        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("account")).Entities);

        var inner = new ExecuteMultipleRequest
        {
            Requests = [Create("B", "BypassBusinessLogicExecution", "CustomSync,CustomAsync")],
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
        };
        admin.Execute(inner);
        Assert.Equal(string.Empty, Ran(env));
        Assert.Single(env.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    private static DataverseTestContext Environment() => TestEnvironment.Builder().WithPlugin<BypassWitnessPlugin>().Build();

    private static CreateRequest Create(string name, string parameter, object value)
    {
        var create = new CreateRequest { Target = Rows.Account(name) };
        create.Parameters[parameter] = value;
        return create;
    }

    private static string Ran(DataverseTestContext env) =>
        string.Join("|", env.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(BypassWitnessPlugin)).Select(run => run.Trace.Trim()));
}
