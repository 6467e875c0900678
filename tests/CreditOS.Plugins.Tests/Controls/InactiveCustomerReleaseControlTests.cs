extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 29 (session 36): an inactive customer takes no new credit (round 10, <c>InactiveCustomer</c>: the order
/// check refuses a new, raised, moved or reopened order for it), but the hold release that runs as SYSTEM after a payment or
/// a rescoring did not ask: an order held before Finance deactivated the customer was Released when the customer's payment
/// cured the hold, so Sam could fulfil on credit an order for a customer Finance had closed, the very order the check would
/// refuse if he entered it then. As Sam (Sales Rep + Credit Readers) and Fiona (Finance Approver + Credit Deciders), through
/// the local Dataverse with every plug-in. The customer: a Finance-approved limit of 10,000.00, 9,500.00 of open invoices
/// (9,000.00 and 500.00, not yet due).
/// </summary>
public sealed class InactiveCustomerReleaseControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public InactiveCustomerReleaseControlTests()
    {
        FinanceLimitCustomer.Create(world, "Tailspin Toys");
    }

    public void Dispose() => world.Dispose();

    /// <summary>
    /// Sam's order of 900.00 (10,400.00 on the 10,000.00 limit) is held; Fiona deactivates the customer (it stopped trading); the
    /// customer pays the 500.00 invoice, and 9,900.00 would be within the limit. On main the release Released Sam's order for the
    /// inactive customer. Now it stays on hold, as the check would refuse it, also when Sam asks for a rescoring; once Fiona
    /// reactivates the customer (rescored at once), his next rescoring releases it (9,900.00 within the 10,000.00).
    /// </summary>
    [Fact]
    public void SamsHeldOrder_IsNotReleasedForACustomerFinanceDeactivated_WhenItsPaymentCuresTheHold()
    {
        var order = AnOrder().Of(900m).Create(world.SalesRep);
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(order));

        FionaSetsTheCustomer(active: false);
        APayment().Of(500m).Settling("INV-00901").Create(world.Service);

        Assert.Equal(9_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(order));
        Assert.DoesNotContain("cured the hold", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.HoldReason) ?? string.Empty, StringComparison.Ordinal);

        world.SalesRep.Execute(FinanceLimitCustomer.Rescore());
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(order));

        FionaSetsTheCustomer(active: true);
        world.SalesRep.Execute(FinanceLimitCustomer.Rescore());

        Assert.Equal((int)CreditStatus.Released, world.CreditStatusOf(order));
    }

    private void FionaSetsTheCustomer(bool active) => world.CreditManager.Execute(new SetStateRequest
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        State = new OptionSetValue(active ? 0 : 1),
        Status = new OptionSetValue(active ? 1 : 2),
    });
}
