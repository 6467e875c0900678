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
using TransactionCurrency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// Payments reach Dataverse in whatever order the ERP's queue (and its redeliveries) hands them over; the ledger they leave
/// must not depend on it. Three payments naming one invoice and paying more than it: whichever order they post in, the
/// invoice is settled once and the rest is the customer's unapplied cash (a payment naming an invoice that others settled
/// first is not refused). And a payment never settles an invoice in another currency.
/// </summary>
public sealed class PaymentArrivalOrderTests
{
    public static TheoryData<int[]> Orders => new() { new[] { 0, 1, 2 }, new[] { 2, 1, 0 }, new[] { 1, 2, 0 } };

    [Theory]
    [MemberData(nameof(Orders))]
    public void PaymentsBeyondTheInvoice_InAnyOrder_SettleItOnce_AndKeepTheRestAsUnappliedCash(int[] order)
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        decimal[] amounts = [700m, 400m, 250m]; // the second of the first two settles the invoice; the third then names a settled invoice

        foreach (var index in order)
        {
            APayment().WithErpId("PAY-" + index).Of(amounts[index]).Settling("INV-00001").Create(world.Service);
        }

        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn));
        Assert.Equal(0m, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.NotNull(row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn));
        Assert.Equal(700m + 400m + 250m - 1_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash));
        Assert.Equal(3, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
    }

    [Fact]
    public void PaymentNamingAnInvoiceInAnotherCurrency_IsRefusedWithTheFigures_AndNothingIsApplied()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var euroInvoice = AnInvoice().Numbered(7).Of(800m).SettledDaysAgo(null).Build();
        euroInvoice[Receivable.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, CreditTestIds.Eur);
        var invoice = world.Service.Create(euroInvoice);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-USD").Of(500m).Settling("INV-00007").Create(world.Service));

        Assert.Contains("The payment of 500.00 is in another currency than invoice(s) INV-00007 (800.00)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(800m, world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(0, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
    }

    [Fact]
    public void PaymentNamingItsInvoiceInAnotherLetterCase_SettlesIt_AsDataverseMatchesTextWithoutCase()
    {
        // Dataverse compares text without regard to case (its database collation), so the query finds INV-00003 for
        // inv-00003; the posting must then match the row it found the same way instead of calling it missing.
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(3).Of(300m).SettledDaysAgo(null).Create(world.Service);

        APayment().WithErpId("PAY-LOWER").Of(300m).Settling("inv-00003").Create(world.Service);

        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount));
        Assert.Equal(0m, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash));
    }
}
