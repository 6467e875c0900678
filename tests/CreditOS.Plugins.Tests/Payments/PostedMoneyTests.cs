extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// Money once posted stays what the ledger says, through every plugin of the assembly: a posted payment cannot be
/// changed, an ERP change of an invoice's amount moves its open amount by the change (never back over payments
/// applied here), and amounts beyond the configured sanity limits are refused with the figures.
/// </summary>
public sealed class PostedMoneyTests
{
    [Fact]
    public void PostedPayment_SavedAgainWithAnotherAmount_IsRefusedWithBothFigures_AndTheInvoiceKeepsTheFirstApplication()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(5_000m).SettledDaysAgo(null).Create(world.Service);
        var payment = APayment().WithErpId("PAY-921").Of(921m).Settling("INV-00001").Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            world.Service.Update(new Entity(Payment.EntityLogicalName, payment) { [Payment.Fields.Amount] = new Money(121m) }));

        Assert.Contains("Payment PAY-921 was posted as 921.00; the ERP now says 121.00", refused.Message, StringComparison.Ordinal);
        Assert.Contains("post a reversal", refused.Message, StringComparison.Ordinal);
        Assert.Equal(921m, world.Service.Retrieve(Payment.EntityLogicalName, payment, new ColumnSet(Payment.Fields.Amount)).GetAttributeValue<Money>(Payment.Fields.Amount).Value);
        Assert.Equal(5_000m - 921m, OpenAmount(world, invoice));
    }

    [Fact]
    public void PostedPayment_SavedAgainIdentically_PassesAndAppliesNothingTwice()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(5_000m).SettledDaysAgo(null).Create(world.Service);
        var row = APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Build();
        var payment = world.Service.Create(row);

        row.Id = payment;
        world.Service.Update(row);

        Assert.Equal(4_700m, OpenAmount(world, invoice));
    }

    [Fact]
    public void PostedPayment_SavedAgainWithAnotherPaymentDate_IsRefusedWithBothDates_AndTheSameDayAtAnotherTimePasses()
    {
        // Audit round 4: the posting settled the invoice on the payment date with its days late, so a new date is a change.
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(5_000m).SettledDaysAgo(null).Create(world.Service);
        var payment = APayment().WithErpId("PAY-922").Of(5_000m).Settling("INV-00001").Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            world.Service.Update(new Entity(Payment.EntityLogicalName, payment) { [Payment.Fields.PaymentDate] = CreditTestIds.Today.AddDays(7) }));
        world.Service.Update(new Entity(Payment.EntityLogicalName, payment) { [Payment.Fields.PaymentDate] = CreditTestIds.Today.Date.AddHours(15) });

        Assert.Contains(
            "Payment PAY-922 was posted dated " + CreditTestIds.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + "; the ERP now says " + CreditTestIds.Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            refused.Message,
            StringComparison.Ordinal);
        Assert.Equal(0m, OpenAmount(world, invoice));
    }

    [Fact]
    public void PostedPayment_MovedToOtherInvoices_IsRefused()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(5_000m).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(2).Of(5_000m).SettledDaysAgo(null).Create(world.Service);
        var payment = APayment().WithErpId("PAY-2").Of(300m).Settling("INV-00001").Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            world.Service.Update(new Entity(Payment.EntityLogicalName, payment) { [Payment.Fields.AppliedInvoices] = "INV-00002" }));

        Assert.Contains("was applied to invoice(s) INV-00001; the ERP now names INV-00002", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreditNote_LowersTheAmount_OpenAmountMovesByTheChange_NotToTheErpsRestatedOpenFigure()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-3").Of(400m).Settling("INV-00001").Create(world.Service);

        // The ERP restates the invoice after a credit note of 100, with its own (stale) open figure of 900.
        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(900m), [Receivable.Fields.OpenAmount] = new Money(900m) });

        Assert.Equal(900m - 400m, OpenAmount(world, invoice));
        Assert.Null(Settled(world, invoice));
    }

    [Fact]
    public void CreditNote_DownToWhatWasPaid_SettlesTheInvoice_AndARaisedAmountReopensIt()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-4").Of(600m).Settling("INV-00001").Create(world.Service);

        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(600m) });
        Assert.Equal(0m, OpenAmount(world, invoice));
        Assert.NotNull(Settled(world, invoice));

        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(650m), [Receivable.Fields.OpenAmount] = new Money(650m) });
        Assert.Equal(50m, OpenAmount(world, invoice));
        Assert.Null(Settled(world, invoice));
    }

    [Fact]
    public void RedeliveredInvoice_WithTheSameAmount_DoesNotUndoAPaymentAppliedSince()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-5").Of(1_000m).Settling("INV-00001").Create(world.Service);

        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(1_000m), [Receivable.Fields.OpenAmount] = new Money(1_000m), [Receivable.Fields.SettledOn] = null });

        Assert.Equal(0m, OpenAmount(world, invoice));
        Assert.NotNull(Settled(world, invoice));
    }

    [Fact]
    public void CreditNote_BelowWhatWasAlreadyPaid_IsRefusedWithTheFigures()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-6").Of(700m).Settling("INV-00001").Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(500m) }));

        Assert.Contains("cannot be reduced to 500.00: 700.00 of it is already paid", refused.Message, StringComparison.Ordinal);
        // Session 36: a code of its own, so the worker waits for the reversal that may still be on the payments queue.
        Assert.Equal(CreditOS.CreditEngine.Ledger.PaidInTheErp.BelowAppliedErrorCode, refused.Detail.ErrorDetails["SubErrorCode"]);
        Assert.Equal(300m, OpenAmount(world, invoice));
    }

    [Fact]
    public void Payment_BeyondTheMultipleOfTheLargestInvoice_IsRefusedWithTheFigures_AndSettlesNothing()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(50_000m).SettledDaysAgo(null).Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-HUGE").Of(900_000_000_000m).Settling("INV-00001").Create(world.Service));

        Assert.Contains("Payment PAY-HUGE of 900,000,000,000.00 USD is beyond the sanity limits", refused.Message, StringComparison.Ordinal);
        Assert.Contains("10.00 × the customer's largest invoice of 50,000.00 (500,000.00", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the cap of 100,000,000.00 USD", refused.Message, StringComparison.Ordinal);
        Assert.Equal(50_000m, OpenAmount(world, invoice));
        Assert.Equal(0, world.Dataverse.Count(Payment.EntityLogicalName));
    }

    [Fact]
    public void SanityMultiple_IsTheEnvironmentsValue_WhenAnAdminSetsOne()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        world.SetEnvironmentValue(plugins::CreditOS.Dataverse.Credit.Payments.AmountSanityLimits.MultipleVariable, "2");

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            APayment().WithErpId("PAY-2500").Of(2_500m).Settling("INV-00001").Create(world.Service));
        APayment().WithErpId("PAY-1500").Of(1_500m).Settling("INV-00001").Create(world.Service);

        Assert.Contains("2.00 × the customer's largest invoice of 1,000.00 (2,000.00", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, world.Dataverse.Count(Payment.EntityLogicalName));
    }

    [Fact]
    public void Invoice_BeyondItsCurrencysCap_IsRefused()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            AnInvoice().Numbered(7).Of(900_000_000_000m).SettledDaysAgo(null).Create(world.Service));

        Assert.Contains("Invoice INV-00007 of 900,000,000,000.00 USD is beyond the sanity limits", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(Receivable.EntityLogicalName));
    }

    private static decimal OpenAmount(CreditWorld world, Guid invoice) =>
        world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value;

    private static DateTime? Settled(CreditWorld world, Guid invoice) =>
        world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.SettledOn)).GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn);
}
