extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using SanityLimits = plugins::CreditOS.Dataverse.Credit.Payments.AmountSanityLimits;

namespace CreditOS.Plugins.Tests.Currencies;

/// <summary>
/// The payment sanity check compares a payment with the customer's largest invoice in one currency, the account's: the
/// franc is at 0.9 and the pound at 0.8 to the base dollar, so GBP 1,000.00 is CHF 1,125.00 (the rescoring's rule,
/// engine AccountCurrencyAmounts). Before, a pound payment was compared as if it were francs, and the confirming query
/// took the largest cos_amount over all currencies.
/// </summary>
public sealed class PaymentSanityInAccountCurrencyTests : IDisposable
{
    private static readonly Guid Franc = CreditTestIds.Chf;
    private static readonly Guid Pound = CreditTestIds.Gbp;

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public PaymentSanityInAccountCurrencyTests()
    {
        CurrencyBuilder.CreateFrancAndPound(world.Service);
        AnAccount().Unscored().WithLimit(0).InCurrency(Franc).Create(world.Service);
        world.SetEnvironmentValue(SanityLimits.MultipleVariable, "2");
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void APoundPayment_IsComparedInFrancs_WithTheLargestFrancInvoice()
    {
        AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).InCurrency(Franc).Create(world.Service);

        // GBP 1,900.00 = USD 2,375.00 = CHF 2,137.50: more than 2 × CHF 1,000.00 (taken as francs it was 1,900.00, within).
        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-GBP").InCurrency(Pound).Of(1_900m).Create(world.Service));

        Assert.Contains("Payment PAY-GBP of 1,900.00 GBP (CHF 2,137.50 in the account's currency) is beyond the sanity limits", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2.00 × the customer's largest invoice of 1,000.00 (2,000.00", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(Payment.EntityLogicalName));

        // GBP 1,700.00 = CHF 1,912.50 is within.
        APayment().WithErpId("PAY-GBP-2").InCurrency(Pound).Of(1_700m).Create(world.Service);
        Assert.Equal(1, world.Dataverse.Count(Payment.EntityLogicalName));
    }

    [Fact]
    public void TheLargestInvoice_IsTheLargestInFrancs_WhenThePoundInvoiceIsWorthMore()
    {
        AnInvoice().Numbered(1).Of(1_050m).SettledDaysAgo(null).InCurrency(Franc).Create(world.Service);
        AnInvoice().Numbered(2).Of(1_000m).SettledDaysAgo(null).InCurrency(Pound).Create(world.Service);

        // The largest invoice is GBP 1,000.00 = CHF 1,125.00, so CHF 2,200.00 is within 2 × it (2,250.00); the largest
        // cos_amount over both currencies (1,050.00) made the limit CHF 2,100.00.
        APayment().WithErpId("PAY-CHF").InCurrency(Franc).Of(2_200m).Create(world.Service);
        Assert.Equal(1, world.Dataverse.Count(Payment.EntityLogicalName));

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-CHF-2").InCurrency(Franc).Of(2_300m).Create(world.Service));
        Assert.Contains("2.00 × the customer's largest invoice of 1,125.00 (2,250.00", refused.Message, StringComparison.Ordinal);
    }
}
