extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Reversals.ReversalWorld;
using static CreditOS.Testing.ServiceFaults;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using PaymentReversals = CreditOS.CreditEngine.Ledger.PaymentReversals;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Session 19 (left from session 18): a write that clears a payment's reversal while the reversal is committing. The clear's
/// pre-image is read before any lock, so it shows the payment unreversed; decided on it, the clear had nothing to refuse and,
/// once the reversal committed, wiped its id and reason while the invoice it reopened stayed open: the ledger said "reversed",
/// the payment row said "not reversed", and the ERP's redelivery of the reversal undid the payment a second time. A reversal
/// is an audit fact: clearing any of its columns is refused for every caller (the worker's integration user, a finance
/// approver, SYSTEM), on the write alone, whatever the pre-image shows.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class ReversalClearRaceTests
{
    public static TheoryData<string> Callers() => ["worker", "finance", "system"];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task AClearWhileTheReversalCommits_IsRefused_AndTheRedeliveredReversalMovesNothing(string caller)
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-U").Of(70m).Create(world.Service);
        var paymentId = PaymentRow(world, "PAY-1").Id;
        var worker = Worker(world);
        var clearing = caller switch
        {
            "worker" => worker,
            "finance" => world.Context.As(world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create()),
            _ => world.Service,
        };
        HoldOpenUntilAnotherWaitsPlugin.HoldFirst(world.Dataverse, plugins::CreditOS.Dataverse.Framework.Messages.Update, Payment.EntityLogicalName, new Guid("0d000000-0000-4000-8000-0000000000a3"));

        // The reversal is written and held open (uncommitted) under the account lock; the clear comes now, its pre-image unreversed.
        var reversal = HoldOpenUntilAnotherWaitsPlugin.StartHeld(() => ReversalRedeliveryRaceTests.Attempt(() => Reverse(worker, "PAY-1", "REV-1", "bounced cheque")));
        var clear = ReversalRedeliveryRaceTests.Attempt(() => clearing.Update(new Entity(Payment.EntityLogicalName, paymentId)
        {
            [Payment.Fields.ReversalId] = null,
            [Payment.Fields.ReversalReason] = null,
        }));

        Assert.Null(await reversal);
        Assert.NotNull(clear);
        if (caller != "finance")
        {
            // The finance approver may be stopped earlier by the platform (privileges, field security); the others reach the rule.
            Assert.Equal(PaymentReversals.ChangedErrorCode, clear.Detail.ErrorDetails["SubErrorCode"]);
            Assert.Contains("Payment ERP/PAY-1: this write clears cos_reversalid, cos_reversalreason", clear.Detail.Message, StringComparison.Ordinal);
            Assert.Contains("a reversal cannot be undone", clear.Detail.Message, StringComparison.Ordinal);
        }

        AssertReversedOnce(world, invoice);

        // The ERP's redelivery of the reversal: a redelivery, nothing moves.
        Reverse(worker, "PAY-1", "REV-1", "bounced cheque");
        AssertReversedOnce(world, invoice);
    }

    [Fact]
    public void ClearingAReversalColumn_OnAPaymentNeverReversed_IsRefusedToo_AndCostsNoCall()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        var worker = Worker(world);
        world.ForgetExecutions();

        var refused = Refused(() => worker.Update(new Entity(Payment.EntityLogicalName, PaymentRow(world, "PAY-1").Id) { [Payment.Fields.ReversedOn] = null }));

        Assert.Contains("this write clears cos_reversedon", refused, StringComparison.Ordinal);
        Assert.Contains("the payment showed no reversal when the write was checked", refused, StringComparison.Ordinal);
        Assert.Equal(0, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single().ServiceCalls);
        AssertAccount(world, openReceivables: 700m, unapplied: 0m);
    }

    /// <summary>PAY-1's 300.00 back on the invoice once, PAY-U's 70.00 still unapplied cash, REV-1 with its reason on the row.</summary>
    private static void AssertReversedOnce(CreditWorld world, Guid invoice)
    {
        Assert.Equal(1_000m, Open(world, invoice));
        AssertAccount(world, openReceivables: 1_000m, unapplied: 70m);
        var row = PaymentRow(world, "PAY-1");
        Assert.Equal("REV-1", row.GetAttributeValue<string>(Payment.Fields.ReversalId));
        Assert.Equal("bounced cheque", row.GetAttributeValue<string>(Payment.Fields.ReversalReason));
    }
}
