extern alias plugins;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// The race both credit-group concurrency tests run: the customer and the second customer each order 35,000 at the same
/// moment, the first save's transaction held open until the second waits for a row lock, so they always overlap; then
/// exactly one is approved and the other refused with Northwind Holdings' group figures.
/// </summary>
internal static class TwoGroupOrdersAtOnce
{
    public static async Task OnlyOneFitsTheHoldingsGroup(CreditWorld world, Guid holdOpenStepId)
    {
        world.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(HoldOpenUntilAnotherWaitsPlugin), holdOpenStepId, plugins::CreditOS.Dataverse.Framework.Messages.Create,
            SalesOrder.EntityLogicalName, PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        HoldOpenUntilAnotherWaitsPlugin.Reset(world.Dataverse);

        using var start = new Barrier(2);
        var orders = new[] { (CreditTestIds.FirstOrder, CreditTestIds.Customer), (CreditTestIds.SecondOrder, CreditTestIds.SecondCustomer) };
        var tasks = orders.Select(order => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                AnOrder().WithId(order.Item1).For(order.Item2).Of(35_000).Create(world.Dataverse.GetOrganizationService());
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(tasks);

        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the two saves did not overlap");
        var saved = world.Service.RetrieveMultiple(new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new(SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReason) }).Entities;
        Assert.Equal(
            [(int)CreditStatus.Approved, (int)CreditStatus.Refused],
            saved.Select(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value).Order().ToArray());
        var refused = saved.Single(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value == (int)CreditStatus.Refused);
        Assert.Contains("credit group Northwind Holdings to USD 110,000.00", refused.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(35_000m, world.OpenOrders(CreditTestIds.Customer) + world.OpenOrders(CreditTestIds.SecondCustomer));
    }
}
