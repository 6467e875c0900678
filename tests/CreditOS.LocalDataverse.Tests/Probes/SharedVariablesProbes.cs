using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "For a plug-in registered for the PreOperation or PostOperation stages to access the shared variables from a plug-in
/// registered for the PreValidation stage that executes on Create, Update, Delete, or by a RetrieveExchangeRateRequest, you must
/// access the ParentContext.SharedVariables collection. For all other cases, IPluginExecutionContext.SharedVariables contains the
/// collection." (Understand the execution context, "Shared variables",
/// learn.microsoft.com/power-apps/developer/data-platform/understand-the-data-context.) The local Dataverse gave every stage one
/// collection, so a pre-operation step read stage 10's variables where Dataverse has none, and a step that reads
/// ParentContext.SharedVariables (as documented) found no parent at top level. The <c>tag</c> ("accessible in the Shared Variable
/// collection using the tag key") is in both.
/// </summary>
public sealed class SharedVariablesProbes
{
    [Theory]
    [InlineData("Create")]
    [InlineData("Update")]
    [InlineData("Delete")]
    public void OnCreateUpdateDelete_PreValidationVariables_ReachLaterStagesOnlyThroughTheParentContext(string message)
    {
        using var env = WithWitnessOn(message, PipelineStageNumber.PreValidation, PipelineStageNumber.PreOperation, PipelineStageNumber.PostOperation);
        var id = message == "Create" ? Guid.Empty : env.Service.Create(Rows.Account("Contoso"));

        Send(env.Service, message, id, tag: null);

        Assert.Equal(
            [$"{message} 10 own=s10 parent=none", $"{message} 20 own=s20 parent=s10", $"{message} 40 own=s20,s40 parent=s10"],
            Traces(env, message));
    }

    [Fact]
    public void OnOtherMessages_OneCollectionServesEveryStage()
    {
        using var env = WithWitnessOn("Retrieve", PipelineStageNumber.PreValidation, PipelineStageNumber.PreOperation, PipelineStageNumber.PostOperation);
        var id = env.Service.Create(Rows.Account("Contoso"));

        Send(env.Service, "Retrieve", id, tag: null);

        Assert.Equal(
            ["Retrieve 10 own=s10 parent=none", "Retrieve 20 own=s10,s20 parent=none", "Retrieve 40 own=s10,s20,s40 parent=none"],
            Traces(env, "Retrieve"));
    }

    [Fact]
    public void TheTag_IsInBothCollections()
    {
        using var env = WithWitnessOn("Create", PipelineStageNumber.PreValidation, PipelineStageNumber.PreOperation);

        Send(env.Service, "Create", Guid.Empty, tag: "batch-7");

        Assert.Equal(["Create 10 own=s10,tag parent=none", "Create 20 own=s20,tag parent=s10,tag"], Traces(env, "Create"));
    }

    private static Testing.DataverseTestContext WithWitnessOn(string message, params PipelineStageNumber[] stages)
    {
        var env = TestEnvironment.Create();
        foreach (var stage in stages)
        {
            env.Dataverse.RegisterStep(new PluginStepRegistration(
                typeof(SharedVariableWitness), Guid.NewGuid(), message, "account", stage, false, 1, [], null, null, []));
        }

        return env;
    }

    private static void Send(IOrganizationService service, string message, Guid id, string? tag)
    {
        OrganizationRequest request = message switch
        {
            "Create" => new CreateRequest { Target = Rows.Account("Contoso") },
            "Update" => new UpdateRequest { Target = new Entity("account", id) { ["name"] = "Changed" } },
            "Delete" => new DeleteRequest { Target = new EntityReference("account", id) },
            _ => new RetrieveRequest { Target = new EntityReference("account", id), ColumnSet = new ColumnSet("name") },
        };
        if (tag is not null)
        {
            request.Parameters["tag"] = tag;
        }

        service.Execute(request);
    }

    private static string[] Traces(Testing.DataverseTestContext env, string message) =>
        [.. env.Dataverse.PluginExecutions
            .Where(run => run.PluginType == typeof(SharedVariableWitness) && run.MessageName == message)
            .Select(run => run.Trace.Trim())];

    /// <summary>Adds "s{stage}" to its shared variables and traces their keys and those of its parent context.</summary>
    public sealed class SharedVariableWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            context.SharedVariables["s" + context.Stage.ToString(System.Globalization.CultureInfo.InvariantCulture)] = true;
            var parent = context.ParentContext is { } parentContext ? Keys(parentContext.SharedVariables) : "none";
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(
                "{0} {1} own={2} parent={3}", context.MessageName, context.Stage, Keys(context.SharedVariables), parent);
        }

        private static string Keys(ParameterCollection variables) => string.Join(",", variables.Keys.Order(StringComparer.Ordinal));
    }
}
