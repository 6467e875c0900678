extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Reversals.ReversalWorld;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using PaymentReversals = CreditOS.CreditEngine.Ledger.PaymentReversals;
using ReversalIdInUse = plugins::CreditOS.Dataverse.Credit.Payments.ReversalIdInUse;

namespace CreditOS.Plugins.Tests.Reversals;

/// <summary>
/// One ERP reversal reverses one payment (session 14): a reversal id that reversed a payment cannot bounce another payment
/// of the same source system, whichever customer's; the refusal names both payments, writes nothing and costs one query;
/// the legitimate redelivery stays a no-op. Through the local pipeline with every plug-in, as the worker's user.
/// </summary>
public sealed class ReversalIdInUseTests
{
    private static readonly Guid Other = new("0c000000-0000-4000-8000-0000000000b7");

    [Fact]
    public void AReversalIdThatReversedOnePayment_IsRefusedForAnotherCustomersPayment_NamingBoth_AndNothingMoves()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnAccount().WithId(Other).Named("Fabrikam Trading").Unscored().WithLimit(0).Create(world.Service);
        var first = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        var second = AnInvoice().Numbered(2).For(Other).Of(800m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-2").For(Other).Of(800m).Settling("INV-00002").Create(world.Service);
        Assert.Equal(0m, Open(world, second));
        var worker = Worker(world);
        Reverse(worker, "PAY-1", "1000-2026-9800000003", "bounced cheque", on: new DateTime(2026, 11, 25));
        Assert.Equal(1_000m, Open(world, first));
        world.ForgetExecutions();

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => Reverse(worker, "PAY-2", "1000-2026-9800000003", "chargeback", on: new DateTime(2026, 11, 26))).Detail;

        Assert.Equal(PaymentReversals.InUseErrorCode, refused.ErrorDetails["SubErrorCode"]);
        Assert.Contains(
            "Reversal 1000-2026-9800000003 reversed payment ERP/PAY-1 already (dated 2026-11-25, bounced cheque); it cannot reverse payment ERP/PAY-2 too",
            refused.Message,
            StringComparison.Ordinal);
        var execution = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single();
        Assert.False(execution.Succeeded);
        Assert.Equal(ReversalIdInUse.Calls, execution.ServiceCalls); // refused before the account lock: nothing written
        Assert.Equal(0m, Open(world, second));
        Assert.Null(PaymentRow(world, "PAY-2").GetAttributeValue<string>(Payment.Fields.ReversalId));
        Assert.Equal(0m, world.AccountMoney(Other, Account.Fields.UnappliedCash));
        Assert.Equal(0m, world.AccountMoney(Other, Account.Fields.OpenReceivables));

        // The reversal the id was issued for, delivered again: still nothing to do, and PAY-1 keeps its reversal.
        world.ForgetExecutions();
        Reverse(worker, "PAY-1", "1000-2026-9800000003", "bounced cheque", on: new DateTime(2026, 11, 25));
        Assert.Equal(0, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single().ServiceCalls);
        Assert.Equal(1_000m, Open(world, first));
        Assert.Equal("1000-2026-9800000003", PaymentRow(world, "PAY-1").GetAttributeValue<string>(Payment.Fields.ReversalId));
    }

    [Fact]
    public void AnotherReversalId_ReversesTheSecondPayment_AsBefore()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-2").Of(200m).Settling("INV-00001").Create(world.Service);
        var worker = Worker(world);

        Reverse(worker, "PAY-1", "1000-2026-9800000003");
        var refused = Refused(() => Reverse(worker, "PAY-2", "1000-2026-9800000003"));
        Reverse(worker, "PAY-2", "1000-2026-9800000004");

        Assert.Contains("cannot reverse payment ERP/PAY-2 too", refused, StringComparison.Ordinal);
        Assert.Equal(1_000m, Open(world, invoice));
        AssertAccount(world, openReceivables: 1_000m, unapplied: 0m);
    }

    [Fact]
    public void TwoPaymentsOfTwoAccounts_ReversedConcurrentlyByOneId_OnlyOneIsReversed()
    {
        // Two account locks, so the plug-in's query cannot see the other's uncommitted write: the payment's reversal key
        // (cos_sourcesystem + cos_reversalid) serializes them. Whichever commits first, exactly one payment is reversed and the
        // other write fails whole (refused by name, or the key's DuplicateRecord when they overlapped).
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnAccount().WithId(Other).Named("Fabrikam Trading").Unscored().WithLimit(0).Create(world.Service);
        var first = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        var second = AnInvoice().Numbered(2).For(Other).Of(800m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-2").For(Other).Of(800m).Settling("INV-00002").Create(world.Service);
        var workers = new[] { Worker(world), Worker(world) };
        using var start = new Barrier(2);
        var outcomes = new string?[2];
        var payments = new[] { "PAY-1", "PAY-2" };
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                Reverse(workers[i], payments[i], "R-SHARED");
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                outcomes[i] = fault.Detail?.Message ?? fault.Message;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Single(outcomes, outcome => outcome is null);
        var reversed = PaymentRow(world, "PAY-1").GetAttributeValue<string>(Payment.Fields.ReversalId) is null ? "PAY-2" : "PAY-1";
        Assert.Null(PaymentRow(world, reversed == "PAY-1" ? "PAY-2" : "PAY-1").GetAttributeValue<string>(Payment.Fields.ReversalId));
        Assert.Equal(reversed == "PAY-1" ? 1_000m : 700m, Open(world, first));
        Assert.Equal(reversed == "PAY-2" ? 800m : 0m, Open(world, second));
    }
}
