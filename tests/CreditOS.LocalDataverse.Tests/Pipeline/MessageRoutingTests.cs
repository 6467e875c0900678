using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

public sealed class MessageRoutingTests
{
    [Fact]
    public void NestedCall_RunsAtDepthTwo_WithTheCallingPluginAboveItsOperationsPreValidationContext_AndTheSameCorrelation()
    {
        using var env = TestEnvironment.Builder().WithPlugin<WriteThenFailPlugin>().WithPlugin<NestedCallProbePlugin>().Build();

        env.Service.Create(Rows.Account("keep"));

        var probe = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(NestedCallProbePlugin));
        Assert.Equal(2, probe.Depth);
        // A pre-operation step's ParentContext is its own Create's pre-validation context (SharedVariablesProbes); the calling
        // plug-in's context is that one's parent.
        Assert.Contains("depth=2 parent=Create/contact/10 grandparent=Create/account/40 samecorrelation=True", probe.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void TopLevelCall_HasNoContextAboveItsPreValidationContext()
    {
        using var env = TestEnvironment.Builder().WithPlugin<NestedCallProbePlugin>().Build();

        env.Service.Create(Rows.Contact("Smith"));

        Assert.Contains("depth=1 parent=Create/contact/10 grandparent=none/none/0", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void SetState_RunsUpdateStepsFilteringOnStatecode_AsDataverseCarriesItOutAsAnUpdate()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Update", PipelineStageNumber.PostOperation, filtering: ["statecode"]));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        Assert.Contains("Update stage 40 target statecode,statuscode", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_RunsUpdateStepsFilteringOnOwnerid()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Update", PipelineStageNumber.PreOperation, filtering: ["ownerid"]));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Execute(new AssignRequest { Target = new EntityReference("account", id), Assignee = new EntityReference("systemuser", FixedIds.SalesRep) });

        Assert.Contains("Update stage 20 target ownerid", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void PreValidationStep_GetsThePreImageOfTheCommittedRow()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Update", PipelineStageNumber.PreValidation, images: [new PluginImageRegistration("before", true, ["name"])]));
        var id = env.Service.Create(Rows.Account("Before"));

        env.Service.Update(new Entity("account", id) { ["name"] = "After" });

        Assert.Contains("Update stage 10 target name pre before:Before", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_StepGetsTheTargetReferenceAndThePreImage()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Delete", PipelineStageNumber.PostOperation, images: [new PluginImageRegistration("gone", true, ["name"])]));
        var id = env.Service.Create(Rows.Account("Doomed"));

        env.Service.Delete("account", id);

        Assert.Contains("Delete stage 40 target  pre gone:Doomed", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginServiceForAnUnknownUser_FailsAsNotFound()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(UnknownUserPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PreOperation, false, 1, [], null, null, []));

        var fault = FaultAssert.Throws(Faults.DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Create(Rows.Account("Contoso")));

        Assert.StartsWith("systemuser With Id = ", fault.Message, StringComparison.Ordinal);
    }

    /// <summary>Asks for a service acting as a user who does not exist.</summary>
    public sealed class UnknownUserPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(Guid.NewGuid());
    }

    private static PluginStepRegistration Step(
        string message, PipelineStageNumber stage, IReadOnlyList<string>? filtering = null, IReadOnlyList<PluginImageRegistration>? images = null) =>
        new(typeof(TargetTracingPlugin), Guid.NewGuid(), message, "account", stage, false, 1, filtering ?? [], null, null, images ?? []);
}
