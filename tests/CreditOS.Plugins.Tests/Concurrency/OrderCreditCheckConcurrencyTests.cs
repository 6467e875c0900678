extern alias plugins;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Plugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Two orders for one account, saved at the same moment, that each fit the limit but not together. A post-operation
/// test step keeps the first save's transaction open until the second is waiting for a row lock, so the two saves
/// always overlap; the outcome then depends only on whether the check serializes per account.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class OrderCreditCheckConcurrencyTests
{
    private const decimal Limit = 50_000m;
    private const decimal EachOrder = 30_000m;

    [Fact]
    public void TwoOrdersSavedTogether_ThatOnlyFitAlone_ExactlyOneIsApproved_TheOtherKeptRefused()
    {
        using var world = CreditWorld.WithPlugins(typeof(Plugin));
        var outcomes = SaveTwoOrdersAtOnce(world);

        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the two saves did not overlap");

        // Both saves succeed: the refused order is kept as the trace of the refusal, and draws on no credit.
        Assert.All(outcomes, Assert.True);
        Assert.Equal(EachOrder, world.OpenOrders(CreditTestIds.Customer));
        var statuses = world.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new(SalesOrder.Fields.CreditStatus) })
            .Entities.Select(order => order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value).Order().ToArray();
        Assert.Equal([(int)CreditStatus.Approved, (int)CreditStatus.Refused], statuses);
    }

    [Fact]
    public void TheSameCheckWithoutTheLockClaim_LetsBothOrdersThrough()
    {
        using var world = CreditWorld.WithPlugins();
        world.Dataverse.RegisterStep(Step(typeof(NaiveOrderCheckPlugin), PipelineStageNumber.PreOperation, new("0d000000-0000-4000-8000-000000000001")));

        var outcomes = SaveTwoOrdersAtOnce(world);

        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the two saves did not overlap");
        Assert.All(outcomes, Assert.True);
        Assert.Equal(2, world.CountOrders());
        Assert.Equal(EachOrder, world.OpenOrders(CreditTestIds.Customer));
    }

    private static bool[] SaveTwoOrdersAtOnce(CreditWorld world)
    {
        world.Service.Update(APolicy().BlockingAbove(1.0m).Build());
        AnAccount().WithLimit(Limit).Create(world.Service);
        world.Dataverse.RegisterStep(Step(typeof(HoldOpenUntilAnotherWaitsPlugin), PipelineStageNumber.PostOperation, new("0d000000-0000-4000-8000-000000000002")));
        HoldOpenUntilAnotherWaitsPlugin.Reset(world.Dataverse);

        using var start = new Barrier(2);
        var orders = new[] { CreditTestIds.FirstOrder, CreditTestIds.SecondOrder };
        var tasks = orders.Select(orderId => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                try
                {
                    AnOrder().WithId(orderId).Of(EachOrder).Create(world.Dataverse.GetOrganizationService());
                    return true;
                }
                catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
                {
                    return false;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }

    private static PluginStepRegistration Step(Type pluginType, PipelineStageNumber stage, Guid stepId) =>
        new(pluginType, stepId, plugins::CreditOS.Dataverse.Framework.Messages.Create, SalesOrder.EntityLogicalName, stage, false, 1, [], null, null, []);
}

/// <summary>The concurrency tests share a static gate, so they run one after the other.</summary>
[CollectionDefinition(nameof(ConcurrencyCollection), DisableParallelization = true)]
public sealed class ConcurrencyCollection;
