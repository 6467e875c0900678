using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 23, organization-service round 16: the plug-in pipeline cases of the round's brief that earlier rounds had not probed
/// in this form. Each was checked against Microsoft's documentation and passed on main before this round (see the local Dataverse
/// README, "Organization service round 16 (session 23)"); they are kept as probes so a later change cannot lose them.
/// </summary>
public sealed class PipelineImageAndLoopProbes
{
    /// <summary>
    /// "Every time a running plug-in or Workflow issues a message request to the Web services that triggers another plug-in or
    /// Workflow to execute, the Depth property of the execution context is increased. If the depth property increments to its
    /// maximum value within the configured time limit, the platform considers this behavior an infinite loop and further plug-in or
    /// Workflow execution is aborted. The maximum depth (8) …" (IExecutionContext.Depth, Remarks). An asynchronous step that updates
    /// its own row raises itself again, one depth further each time: the eighth run's call is refused, recorded with the system job,
    /// never thrown to the client whose update started the chain.
    /// </summary>
    [Fact]
    public void AnAsynchronousStepThatUpdatesItsOwnRow_IsStoppedAtDepthEight_InItsSystemJob_NotInTheCallersAnswer()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(typeof(CountingSelfUpdater), "Update", PipelineStageNumber.PostOperation, isAsync: true));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        var jobs = env.Dataverse.AsyncOperations.Where(job => job.PluginType == typeof(CountingSelfUpdater)).ToList();
        Assert.Equal([true, true, true, true, true, true, true, false], jobs.Select(job => job.Succeeded));
        Assert.StartsWith("This workflow job was canceled because the workflow that started it included an infinite loop.", jobs[^1].Error, StringComparison.Ordinal);
        Assert.Equal(7, env.Service.Retrieve("account", id, new ColumnSet("cos_creditcheckcount")).GetAttributeValue<int>("cos_creditcheckcount"));
    }

    /// <summary>
    /// "You cannot have a Pre Image for the Create message" and a post-image is the row "after the core operation" (register-plug-in,
    /// "Define table images"): a Create post-image holds what a pre-operation step added to the Target and the columns the platform set.
    /// </summary>
    [Fact]
    public void ACreatePostImage_HoldsThePreOperationChange_AndThePlatformsColumns()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(typeof(AccountNumberSetter), "Create", PipelineStageNumber.PreOperation));
        env.Dataverse.RegisterStep(Step(typeof(ImageWitness), "Create", PipelineStageNumber.PostOperation, new PluginImageRegistration("post", false, [])));

        var id = env.Service.Create(Rows.Account("Contoso"));

        var trace = Assert.Single(env.Dataverse.PluginExecutions, run => run.PluginType == typeof(ImageWitness)).Trace;
        Assert.Contains($"post: accountid={id},accountnumber=N-1,createdby=systemuser,createdon=", trace, StringComparison.Ordinal);
        Assert.Contains(",name=Contoso,ownerid=systemuser,owningbusinessunit=businessunit,statecode=0,statuscode=1,", trace, StringComparison.Ordinal);
    }

    /// <summary>
    /// SetState is one of "the following messages [that] support table images" (register-plug-in): a SetState step's pre-image is the
    /// row before the state change and its post-image the row after it, with the request's EntityMoniker, State and Status as inputs.
    /// </summary>
    [Fact]
    public void ASetStateStep_GetsTheRowBeforeAndAfterTheStateChange()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(
            typeof(ImageWitness), "SetState", PipelineStageNumber.PostOperation,
            new PluginImageRegistration("pre", true, ["statecode", "statuscode"]), new PluginImageRegistration("post", false, ["statecode", "statuscode"])));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        var trace = Assert.Single(env.Dataverse.PluginExecutions).Trace;
        Assert.Contains("inputs=EntityMoniker,State,Status", trace, StringComparison.Ordinal);
        Assert.Contains($"pre: accountid={id},statecode=0,statuscode=1", trace, StringComparison.Ordinal);
        Assert.Contains($"post: accountid={id},statecode=1,statuscode=2", trace, StringComparison.Ordinal);
    }

    /// <summary>
    /// "You cannot have … a Post Image for the Delete message" (register-plug-in): a Delete post-operation step has its pre-image, and
    /// inside the operation's transaction the row is already gone (a query for it finds nothing).
    /// </summary>
    [Fact]
    public void ADeletePostOperationStep_HasThePreImage_AndNoLongerFindsTheRow()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(typeof(DeletedRowReader), "Delete", PipelineStageNumber.PostOperation, new PluginImageRegistration("pre", true, ["name"])));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Delete("account", id);

        Assert.Contains("pre=Contoso found=0", Assert.Single(env.Dataverse.PluginExecutions).Trace, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    /// <summary>
    /// PreOperation: "Changes to the Target made here are saved" and the platform uses "the InputParameters … passed to the core
    /// operation" (event-framework, "Event execution pipeline"): a pre-operation step that replaces the Target with a new entity has
    /// that entity saved, and a column it removes from the Target is not written.
    /// </summary>
    [Fact]
    public void APreOperationStepThatReplacesTheTarget_HasTheNewTargetSaved_WithoutTheColumnsItLeftOut()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(typeof(TargetReplacer), "Update", PipelineStageNumber.PreOperation));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { ["name"] = "Changed", ["accountnumber"] = "DROPPED" });

        var row = env.Service.Retrieve("account", id, new ColumnSet("name", "accountnumber", "numberofemployees"));
        Assert.Equal(("Replaced", null, 5), (row.GetAttributeValue<string>("name"), row.GetAttributeValue<string>("accountnumber"), row.GetAttributeValue<int?>("numberofemployees")));
    }

    private static PluginStepRegistration Step(Type plugin, string message, PipelineStageNumber stage, params PluginImageRegistration[] images) =>
        Step(plugin, message, stage, isAsync: false, images);

    private static PluginStepRegistration Step(Type plugin, string message, PipelineStageNumber stage, bool isAsync, params PluginImageRegistration[] images) =>
        new(plugin, Guid.NewGuid(), message, "account", stage, isAsync, 1, [], null, null, images);

    private static IPluginExecutionContext Context(IServiceProvider serviceProvider) =>
        (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;

    private static IOrganizationService Service(IServiceProvider serviceProvider) =>
        ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);

    private static ITracingService Trace(IServiceProvider serviceProvider) => (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;

    /// <summary>Adds one to the row's check count: an update of the row it runs for, so it raises itself again.</summary>
    public sealed class CountingSelfUpdater : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var id = Context(serviceProvider).PrimaryEntityId;
            var service = Service(serviceProvider);
            var count = service.Retrieve("account", id, new ColumnSet("cos_creditcheckcount")).GetAttributeValue<int?>("cos_creditcheckcount") ?? 0;
            service.Update(new Entity("account", id) { ["cos_creditcheckcount"] = count + 1 });
        }
    }

    /// <summary>Sets the account number on the Target of a Create.</summary>
    public sealed class AccountNumberSetter : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) => ((Entity)Context(serviceProvider).InputParameters["Target"])["accountnumber"] = "N-1";
    }

    /// <summary>Traces the input parameter names and each image's columns (references by table, choices by value).</summary>
    public sealed class ImageWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = Context(serviceProvider);
            var trace = Trace(serviceProvider);
            trace.Trace("inputs=" + string.Join(",", context.InputParameters.Keys.Order(StringComparer.Ordinal)));
            foreach (var image in context.PreEntityImages.Concat(context.PostEntityImages))
            {
                trace.Trace($"{image.Key}: " + string.Join(",", image.Value.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Shown(a.Value))) + ",");
            }
        }

        private static string? Shown(object value) => value switch
        {
            EntityReference reference => reference.LogicalName,
            OptionSetValue option => option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Traces its pre-image's name and how many rows a query for the deleted row finds.</summary>
    public sealed class DeletedRowReader : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = Context(serviceProvider);
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            query.Criteria.AddCondition("accountid", ConditionOperator.Equal, context.PrimaryEntityId);
            var found = Service(serviceProvider).RetrieveMultiple(query).Entities.Count;
            Trace(serviceProvider).Trace($"pre={context.PreEntityImages["pre"].GetAttributeValue<string>("name")} found={found}");
        }
    }

    /// <summary>Drops the account number from the Target, then replaces the Target with another entity for the same row.</summary>
    public sealed class TargetReplacer : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = Context(serviceProvider);
            var target = (Entity)context.InputParameters["Target"];
            target.Attributes.Remove("accountnumber");
            context.InputParameters["Target"] = new Entity("account", target.Id) { ["name"] = "Replaced", ["numberofemployees"] = 5 };
        }
    }
}
