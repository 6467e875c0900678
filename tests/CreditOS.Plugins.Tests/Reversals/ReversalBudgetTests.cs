extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Reversals.ReversalWorld;
using AccountRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountRescoring;
using PaymentReversal = plugins::CreditOS.Dataverse.Credit.Payments.PaymentReversal;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using RescoredLimit = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoredLimit;
using UnappliedCash = plugins::CreditOS.Dataverse.Credit.Payments.UnappliedCash;

namespace CreditOS.Plugins.Tests.Reversals;

/// <summary>
/// Call budgets of the session-14 steps, enforced through the local pipeline's call accounting: the reversal costs a fixed
/// number of calls plus one per invoice the payment paid, whatever the customer's history; a redelivered reversal and the
/// guards' no-change path cost nothing.
/// </summary>
public sealed class ReversalBudgetTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void AReversal_CostsItsFixedCalls_PlusOnePerInvoiceItPaid_WhateverTheHistory(int history)
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(history, amount: 900m, everyDays: 2))
        {
            world.Service.Create(invoice.Build());
        }

        AnInvoice().Numbered(90_001).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(90_002).Of(500m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(1_700m).Settling("INV-90001", "INV-90002").Create(world.Service);
        var worker = Worker(world);
        world.ForgetExecutions();

        Reverse(worker, "PAY-1", "REV-1");

        var reversal = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single();
        Assert.True(reversal.Succeeded, reversal.Error);
        Assert.InRange(reversal.ServiceCalls, PaymentReversal.FixedCalls + 2 + UnappliedCash.Calls + 1, PaymentReversal.FixedCalls + 2 + UnappliedCash.Calls + AccountRescoring.MaximumCalls + RescoredLimit.ReviewCalls);
        var guard = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalGuardPlugin)).Single();
        Assert.Equal(1, guard.ServiceCalls); // the worker's role
        world.ForgetExecutions();

        Reverse(worker, "PAY-1", "REV-1");

        Assert.Equal(0, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single().ServiceCalls);
        Assert.Equal(0, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalGuardPlugin)).Single().ServiceCalls);
    }

    [Fact]
    public void TheReversalsCalls_DoNotGrowWithTheHistory()
    {
        // The rescoring's score-history row is written only when the picture changed (one call either way), so the two
        // may differ by that row; 40 times the history never costs more.
        var small = CallsFor(5);
        var large = CallsFor(200);
        Assert.InRange(large, small - 1, small + 1);
    }

    [Fact]
    public void TheLedgerGuard_CostsNothing_ForTheWorkersOpenItem_NorForThePostingsSettlement_OnceSystemsIdIsKnown()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        world.ForgetExecutions();

        Restate(Worker(world), invoice, 1_000m, 1_000m);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableLedgerGuardPlugin)), execution => Assert.Equal(0, execution.ServiceCalls));
        world.ForgetExecutions();

        APayment().WithErpId("PAY-1").Of(300m).Settling("INV-00001").Create(world.Service);
        var settlement = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableLedgerGuardPlugin)).Single();
        // Who SYSTEM is was asked once in this organization (by the first guard that needed it), not by every settlement.
        Assert.True(plugins::CreditOS.Dataverse.Credit.Guards.CreditFlowIdentity.Knows(world.Dataverse.OrganizationId));
        Assert.Equal(0, settlement.ServiceCalls);
    }

    private static int CallsFor(int history)
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(history, amount: 900m, everyDays: 2))
        {
            world.Service.Create(invoice.Build());
        }

        AnInvoice().Numbered(90_001).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        APayment().WithErpId("PAY-1").Of(1_000m).Settling("INV-90001").Create(world.Service);
        var worker = Worker(world);
        world.ForgetExecutions();
        Reverse(worker, "PAY-1", "REV-1");
        var reversal = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentReversalPlugin)).Single();
        Assert.True(reversal.Succeeded, reversal.Error);
        return reversal.ServiceCalls;
    }
}
