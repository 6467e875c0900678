extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// An invoice whose first ERP message states less open than its amount (the ERP applied a payment before it exported the
/// invoice), while that payment is posted here too (it travels on the payments queue; naming an invoice not yet in
/// Dataverse it is refused and waits for it). The ledger (the ERP) has the invoice at amount less that payment once, and so
/// must creditOS, in either order of arrival, with redeliveries, and with a second payment the ERP did not know of yet.
/// Session 13: before the rule the payment was counted twice (open 400.00 for a ledger's 700.00; an invoice the ERP
/// had settled left the payment as 1,000.00 of free unapplied cash).
/// </summary>
public sealed class InvoiceAfterItsPaymentTests
{
    private const string Invoice = "INV-00001";

    [Fact]
    public void TheInvoiceFirst_ThenThePaymentTheErpAlreadyCounted_IsAppliedOnce()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(700m).SettledDaysAgo(null).Create(world.Service);

        APayment().WithErpId("PAY-1").Of(300m).Settling(Invoice).Create(world.Service);

        AssertLedger(world, invoice, open: 700m, unapplied: 0m);
    }

    [Fact]
    public void ThePaymentFirst_WaitsForTheInvoice_ThenIsAppliedOnce_AndTheInvoiceRedeliveredChangesNothing()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        // The payment names an invoice not in Dataverse yet: refused whole (the worker abandons it and it comes back).
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-1").Of(300m).Settling(Invoice).Create(world.Service));
        var invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(700m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling(Invoice).Create(world.Service);

        AssertLedger(world, invoice, open: 700m, unapplied: 0m);

        // The invoice's message again (same amount, the ERP's open figure): nothing moves.
        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.Amount] = new Money(1_000m),
            [Receivable.Fields.OpenAmount] = new Money(700m),
        });
        AssertLedger(world, invoice, open: 700m, unapplied: 0m);
    }

    [Fact]
    public void AnInvoiceTheErpSettled_TakesThePaymentThatSettledIt_InsteadOfLeavingItAsFreeCash()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(2).Create(world.Service);

        APayment().WithErpId("PAY-1").Of(1_000m).Settling(Invoice).Create(world.Service);

        AssertLedger(world, invoice, open: 0m, unapplied: 0m);
    }

    [Theory]
    [InlineData("PAY-KNOWN", "PAY-NEW")]
    [InlineData("PAY-NEW", "PAY-KNOWN")]
    public void ASecondPaymentTheErpDidNotKnowOf_IsAppliedOnTop_InEitherOrder(string first, string second)
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(700m).SettledDaysAgo(null).Create(world.Service);
        var amounts = new Dictionary<string, decimal> { ["PAY-KNOWN"] = 300m, ["PAY-NEW"] = 200m };

        APayment().WithErpId(first).Of(amounts[first]).Settling(Invoice).Create(world.Service);
        APayment().WithErpId(second).Of(amounts[second]).Settling(Invoice).Create(world.Service);

        AssertLedger(world, invoice, open: 500m, unapplied: 0m);
    }

    [Fact]
    public void APaymentBeyondWhatTheErpCountedAndWhatIsOpen_KeepsOnlyTheRestAsUnappliedCash()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(700m).SettledDaysAgo(null).Create(world.Service);

        APayment().WithErpId("PAY-1").Of(1_200m).Settling(Invoice).Create(world.Service);

        AssertLedger(world, invoice, open: 0m, unapplied: 200m);
    }

    private static void AssertLedger(CreditWorld world, Guid invoice, decimal open, decimal unapplied)
    {
        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn));
        Assert.Equal(open, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(open == 0m, row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) is not null);
        Assert.Equal(unapplied, world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash));
        Assert.Equal(open, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
    }
}
