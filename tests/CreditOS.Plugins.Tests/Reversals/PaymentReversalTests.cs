extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Reversals.ReversalWorld;
using static CreditOS.Testing.ServiceFaults;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Reversals;

/// <summary>
/// A payment the ERP reversed (bounced cheque, chargeback), written by the worker's user through the local pipeline with
/// every plug-in: the invoices it paid reopen by exactly its share, its unapplied cash leaves the account, the account is
/// rescored, the payment row stays (marked reversed), and every wrong reversal is refused with the figures.
/// </summary>
public sealed class PaymentReversalTests
{
    [Fact]
    public void ABouncedPayment_ReopensWhatItPaid_TakesBackItsUnappliedCash_AndStaysAsAReversedPayment()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var first = AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(40).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        var second = AnInvoice().Numbered(2).Of(500m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-0").Of(200m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-1").Of(1_500m).Settling("INV-00001", "INV-00002").Create(world.Service);
        Assert.Equal(0m, Open(world, first));
        Assert.Equal(0m, Open(world, second));
        AssertAccount(world, openReceivables: 0m, unapplied: 200m);

        Reverse(Worker(world), "PAY-1", "REV-1", "bounced cheque", amount: 1_500m);

        // PAY-1 took 800.00 of INV-00001 (PAY-0 had paid 200.00) and 500.00 of INV-00002, and left 200.00 unapplied.
        Assert.Equal(800m, Open(world, first));
        Assert.Equal(500m, Open(world, second));
        Assert.Null(Invoice(world, first).GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn));
        AssertAccount(world, openReceivables: 1_300m, unapplied: 0m);
        var payment = PaymentRow(world, "PAY-1");
        Assert.Equal("REV-1", payment.GetAttributeValue<string>(Payment.Fields.ReversalId));
        Assert.Equal("bounced cheque", payment.GetAttributeValue<string>(Payment.Fields.ReversalReason));
        Assert.Equal(1_500m, payment.GetAttributeValue<Money>(Payment.Fields.ReversalAmount).Value);
        Assert.Equal(1_500m, payment.GetAttributeValue<Money>(Payment.Fields.Amount).Value);
    }

    [Fact]
    public void TheSameReversalAgain_ChangesNothing_AndOtherReversalsAreRefusedWithTheFigures()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        var worker = Worker(world);
        Reverse(worker, "PAY-1", "REV-1", "chargeback");
        Assert.Equal(1_000m, Open(world, invoice));

        Reverse(worker, "PAY-1", "REV-1", "chargeback");
        Assert.Equal(1_000m, Open(world, invoice));

        var again = Refused(() => Reverse(worker, "PAY-1", "REV-2", "bounced cheque"));
        Assert.Contains("was reversed already by reversal REV-1", again, StringComparison.Ordinal);
        Assert.Contains("300.00", again, StringComparison.Ordinal);
        var changed = Refused(() => Reverse(worker, "PAY-1", "REV-1", "wrong posting"));
        Assert.Contains("'chargeback'; the ERP now says", changed, StringComparison.Ordinal);
        var undone = Refused(() => worker.Update(new Entity(Payment.EntityLogicalName, PaymentRow(world, "PAY-1").Id) { [Payment.Fields.ReversalId] = null }));
        Assert.Contains("a reversal cannot be undone", undone, StringComparison.Ordinal);
        Assert.Equal(1_000m, Open(world, invoice));
        AssertAccount(world, openReceivables: 1_000m, unapplied: 0m);
    }

    [Fact]
    public void AReversalOfAnotherAmount_OrWithoutAReason_IsRefused_AndAnUnknownPaymentIsNotFound()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        var worker = Worker(world);

        var partial = Refused(() => Reverse(worker, "PAY-1", "REV-1", amount: 100m));
        Assert.Contains("states 100.00 but payment ERP/PAY-1 was posted as 300.00", partial, StringComparison.Ordinal);
        var noReason = Refused(() => Reverse(worker, "PAY-1", "REV-1", reason: " "));
        Assert.Contains("states no reason", noReason, StringComparison.Ordinal);
        var unknown = Refused(() => Reverse(worker, "PAY-404", "REV-9"));
        Assert.Contains("does not exist", unknown, StringComparison.Ordinal);
        Assert.Equal(700m, Open(world, invoice));
    }

    [Fact]
    public void ADiscountTakenWithTheBouncedPayment_IsTakenBackToo()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(980m).TakingDiscount(20m).Settling("INV-00001").Create(world.Service);
        Assert.Equal(0m, Open(world, invoice));

        Reverse(Worker(world), "PAY-1", "REV-1");

        Assert.Equal(1_000m, Open(world, invoice));
        Assert.Equal(0m, Invoice(world, invoice).GetAttributeValue<Money>(Receivable.Fields.DiscountTaken)?.Value ?? 0m);
        AssertAccount(world, openReceivables: 1_000m, unapplied: 0m);
    }

    [Fact]
    public void APaymentTheErpCountedAhead_ReopensByItsShare_AndALaterRestatementAgrees()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        // The ERP exported the invoice after it applied PAY-1 (open 700.00); PAY-1 is posted here too and matched.
        var invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(700m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        Assert.Equal(700m, Open(world, invoice));

        Reverse(Worker(world), "PAY-1", "REV-1");
        Assert.Equal(1_000m, Open(world, invoice));

        // The ERP's open item after the bounce: open 1,000.00 again. Nothing moves (it is what creditOS has).
        Restate(world.Service, invoice, 1_000m, 1_000m);
        Assert.Equal(1_000m, Open(world, invoice));
        AssertAccount(world, openReceivables: 1_000m, unapplied: 0m);
    }

    [Fact]
    public void NoPerson_NorASystemAdministrator_ReversesAPayment_NorCreatesOneReversed_NorEditsAnInvoicesLedgerFigures()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);

        foreach (var person in new[] { FixedIds.AdminUser, FixedIds.FinanceApprover, FixedIds.CreditOfficer })
        {
            var service = world.Context.As(person);
            Refused(() => Reverse(service, "PAY-1", "REV-FAKE"));
        }

        var ada = world.Context.As(FixedIds.AdminUser);
        var byAdmin = Refused(() => Reverse(ada, "PAY-1", "REV-FAKE"));
        Assert.Contains("written by the integration worker only", byAdmin, StringComparison.Ordinal);
        // Not even SYSTEM creates a payment reversed.
        var bornReversed = Refused(() => world.Service.Create(new Entity(Payment.EntityLogicalName)
        {
            [Payment.Fields.SourceSystem] = "ERP",
            [Payment.Fields.ErpId] = "PAY-2",
            [Payment.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, CreditTestIds.Customer),
            [Payment.Fields.Amount] = new Money(10m),
            [Payment.Fields.ReversalId] = "REV-2",
        }));
        Assert.Contains("cannot be created reversed", bornReversed, StringComparison.Ordinal);

        var worker = Worker(world);
        foreach (var service in new[] { ada, worker })
        {
            var shares = Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.PaymentShares] = null }));
            Assert.Contains("An invoice's open amount moves only through the ledger, whatever your roles", shares, StringComparison.Ordinal);
            Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpPaidAhead] = new Money(500m) }));
        }

        // The worker's (or anyone's) open amount goes through the ERP rule: it cannot undo the posted payment.
        worker.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.OpenAmount] = new Money(1_000m) });
        Assert.Equal(700m, Open(world, invoice));
        Assert.Null(PaymentRow(world, "PAY-1").GetAttributeValue<string>(Payment.Fields.ReversalId));
    }
}
