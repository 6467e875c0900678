extern alias plugins;

using System.ServiceModel;
using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using ExecutionMode = plugins::CreditOS.Dataverse.Framework.Registration.ExecutionMode;
using PluginBase = plugins::CreditOS.Dataverse.Framework.PluginBase;
using PipelineStage = plugins::CreditOS.Dataverse.Framework.Registration.PipelineStage;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Session 33: what is the step's own in a plug-in's entry line (the plug-in, message, table, stage and mode) is written once
/// per step and plug-in instance, and whether the class declares the step is decided once per step with it (a cost change).
/// The line every execution traces stays <c>Entered {plug-in}: message {message} of {table} ({row}), stage {number} ({stage}),
/// {mode}, depth {depth}, correlation {id}</c>, for every step a plug-in runs for, and a step the class does not declare is
/// still refused.
/// </summary>
public sealed class PluginEntryLineTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void EveryExecution_OfTwoOrders_BeginsWithItsOwnStepsEntryLine()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        world.ForgetExecutions();

        AnOrder().WithId(Guid.NewGuid()).Of(1_000).Create(world.Context.As(FixedIds.SalesRep));
        AnOrder().WithId(Guid.NewGuid()).Of(2_000).Create(world.Context.As(FixedIds.SalesRep));

        var executions = world.Dataverse.PluginExecutions.Where(e => typeof(PluginBase).IsAssignableFrom(e.PluginType)).ToList();
        Assert.True(executions.Count >= 4, "the orders ran " + executions.Count + " creditOS plug-in executions");
        Assert.True(executions.Select(e => (e.MessageName, e.PrimaryEntityName, e.Stage)).Distinct().Count() >= 2, "more than one step ran");
        foreach (var execution in executions)
        {
            var first = execution.Trace.Split('\n')[0].TrimEnd('\r');
            var expected = "^" + Regex.Escape(
                "Entered " + execution.PluginType.FullName + ": message " + execution.MessageName + " of " + execution.PrimaryEntityName + " (")
                + GuidPattern + Regex.Escape("), stage " + execution.Stage + " (" + (PipelineStage)execution.Stage + "), " + (ExecutionMode)execution.Mode + ", depth " + execution.Depth + ", correlation ")
                + GuidPattern + "$";
            Assert.Matches(expected, first);
        }
    }

    [Fact]
    public void AStepTheClassDoesNotDeclare_IsRefused_AfterTheStepsItDeclaresRan()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var guard = typeof(plugins::CreditOS.Plugins.CreditColumnGuardPlugin);
        world.Dataverse.RegisterStep(new PluginStepRegistration(
            guard, Guid.NewGuid(), "Create", "contact", PipelineStageNumber.PreValidation, IsAsynchronous: false, Rank: 1,
            FilteringAttributes: [], UnsecureConfiguration: null, SecureConfiguration: null, Images: []));

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Create(new Entity("contact") { ["lastname"] = "Smith" }));

        Assert.Contains(guard.FullName + " is not registered for Create of contact at stage PreValidation", refusal.Detail.Message, StringComparison.Ordinal);
    }

    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
}
