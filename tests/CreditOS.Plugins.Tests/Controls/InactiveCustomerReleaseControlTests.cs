extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using LimitWriter = plugins::CreditOS.Dataverse.Approvals.CreditLimitWriter;
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
        AnAccount().Named("Tailspin Toys").Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 1_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(9_000m).IssuedDaysAgo(5).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(901).Of(500m).IssuedDaysAgo(5).DueAfter(30).Create(world.Service);
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            10_000m,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(90),
            asOf: CreditTestIds.Today);
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

        world.CreditManager.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        });
        APayment().Of(500m).Settling("INV-00901").Create(world.Service);

        Assert.Equal(9_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(order));

        Assert.DoesNotContain("cured the hold", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.HoldReason) ?? string.Empty, StringComparison.Ordinal);

        world.SalesRep.Execute(Rescore());
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(order));

        world.CreditManager.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            State = new OptionSetValue(0),
            Status = new OptionSetValue(1),
        });
        world.SalesRep.Execute(Rescore());

        Assert.Equal((int)CreditStatus.Released, world.CreditStatusOf(order));
    }

    private static OrganizationRequest Rescore() =>
        new(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) };
}
