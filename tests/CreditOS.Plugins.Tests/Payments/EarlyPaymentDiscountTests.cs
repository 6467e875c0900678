extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// An ERP payment that took an early-payment discount settles the invoice with cash plus discount, as the ERP's ledger
/// clears it, through every plugin of the assembly: the invoice is settled, records the discount, and the account's
/// open receivables equal what the ledger says. A discount with nothing to settle is refused, as is changing it once posted.
/// </summary>
public sealed class EarlyPaymentDiscountTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void APaymentWithADiscountTaken_SettlesTheInvoice_AndTheBalanceEqualsTheLedger()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(2).Of(500m).SettledDaysAgo(null).Create(world.Service);

        APayment().WithErpId("PAY-980").Of(980m).TakingDiscount(20m).Settling("INV-00001").Create(world.Service);

        var settled = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn, Receivable.Fields.DiscountTaken));
        Assert.Equal(0m, settled.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(CreditTestIds.Today.Date, settled.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn)?.Date);
        Assert.Equal(20m, settled.GetAttributeValue<Money>(Receivable.Fields.DiscountTaken).Value);
        Assert.Equal(500m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
    }

    [Fact]
    public void ADiscountTaken_WithoutInvoices_IsRefused_AndNothingIsPosted()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => APayment().Of(980m).TakingDiscount(20m).Create(world.Service));

        Assert.Contains("takes a discount of 20.00 but names no invoices", refused.Message, StringComparison.Ordinal);
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(Payment.EntityLogicalName)).Entities);
    }

    [Fact]
    public void ADiscountTaken_BeyondWhatTheInvoiceHadOpen_IsRefused_AndTheInvoiceKeepsItsOpenAmount()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => APayment().Of(100m).TakingDiscount(1_200m).Settling("INV-00001").Create(world.Service));

        Assert.Contains("discount taken of 1200.00 is more than the invoices it names had open", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1_000m, world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
    }

    [Fact]
    public void APostedDiscount_ChangedLater_IsRefusedWithBothFigures()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        var payment = APayment().WithErpId("PAY-980").Of(980m).TakingDiscount(20m).Settling("INV-00001").Create(world.Service);

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => world.Service.Update(new Entity(Payment.EntityLogicalName, payment) { [Payment.Fields.DiscountTaken] = new Money(0m) }));

        Assert.Contains("was posted with a discount taken of 20.00; the ERP now says 0.00", refused.Message, StringComparison.Ordinal);
    }
}
