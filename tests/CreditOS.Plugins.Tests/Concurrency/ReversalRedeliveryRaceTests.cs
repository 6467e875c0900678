extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Reversals.ReversalWorld;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using PaymentReversals = CreditOS.CreditEngine.Ledger.PaymentReversals;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Two writes of a reversal of one payment in flight together (session 18, soak seed 17002: "unapplied cash 0.00 (model
/// 70.00)"): Service Bus hands the same reversal to two receivers when a lock is lost during a slow write, or two workers
/// take its two copies. The first write's transaction holds the account's lock (a test step keeps it open) until the second
/// waits for it. The second's pre-image was read before the first committed (reads take no lock), so it shows the payment
/// unreversed. Deciding on that image, the second undid the payment again: its shares were gone, so the whole amount
/// (300.00) was taken as the payment's unapplied part and left the account's unapplied cash, taking another payment's
/// 70.00 with it (floored at 0). The reversal now reads the payment's reversal under the account lock and decides on that:
/// the same reversal is a redelivery (nothing moves), another reversal is refused as for a payment reversed already.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class ReversalRedeliveryRaceTests
{
    [Fact]
    public async Task TheSameReversalTwiceAtOnce_UndoesThePaymentOnce_AndTheAccountKeepsOtherPaymentsUnappliedCash()
    {
        using var world = ARaceWorld(out var invoice);

        var (first, second) = await TwoAtOnce(world, "REV-1", "REV-1");

        Assert.Null(first);
        Assert.Null(second);
        AssertUndoneOnceByTheFirst(world, invoice);
    }

    [Fact]
    public async Task TwoReversalsOfOnePaymentAtOnce_TheSecondIsRefusedAsReversedAlready_AndNothingMovesTwice()
    {
        using var world = ARaceWorld(out var invoice);

        var (first, second) = await TwoAtOnce(world, "REV-1", "REV-2");

        Assert.Null(first);
        Assert.NotNull(second);
        Assert.Equal(PaymentReversals.AlreadyReversedErrorCode, second.Detail.ErrorDetails["SubErrorCode"]);
        Assert.Contains("was reversed already by reversal REV-1", second.Detail.Message, StringComparison.Ordinal);
        AssertUndoneOnceByTheFirst(world, invoice);
    }

    /// <summary>PAY-1's 300.00 back on the invoice once, PAY-U's 70.00 still the account's unapplied cash, REV-1 on the row.</summary>
    private static void AssertUndoneOnceByTheFirst(CreditWorld world, Guid invoice)
    {
        Assert.Equal(1_000m, Open(world, invoice));
        AssertAccount(world, openReceivables: 1_000m, unapplied: 70m);
        Assert.Equal("REV-1", PaymentRow(world, "PAY-1").GetAttributeValue<string>(Payment.Fields.ReversalId));
    }

    /// <summary>An invoice of 1,000.00 paid 300.00 by PAY-1, and 70.00 of unapplied cash from PAY-U (naming no invoice).</summary>
    private static CreditWorld ARaceWorld(out Guid invoice)
    {
        var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-U").Of(70m).Create(world.Service);
        AssertAccount(world, openReceivables: 700m, unapplied: 70m);
        HoldOpenUntilAnotherWaitsPlugin.HoldFirst(world.Dataverse, plugins::CreditOS.Dataverse.Framework.Messages.Update, Payment.EntityLogicalName, new Guid("0d000000-0000-4000-8000-0000000000a2"));
        return world;
    }

    /// <summary>The first reversal held open under the account's lock until the second waits for it; each one's refusal, or null.</summary>
    private static async Task<(FaultException<OrganizationServiceFault>? First, FaultException<OrganizationServiceFault>? Second)> TwoAtOnce(CreditWorld world, string firstId, string secondId)
    {
        var worker = Worker(world);
        var first = HoldOpenUntilAnotherWaitsPlugin.StartHeld(() => Attempt(() => Reverse(worker, "PAY-1", firstId, "bounced cheque")));
        var second = Attempt(() => Reverse(worker, "PAY-1", secondId, "bounced cheque"));
        var refused = await first;
        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the second reversal did not wait for the first one's lock");
        return (refused, second);
    }

    /// <summary>The write's refusal, or null when it committed (shared with <see cref="ReversalClearRaceTests"/>).</summary>
    internal static FaultException<OrganizationServiceFault>? Attempt(Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            return fault;
        }
    }
}
