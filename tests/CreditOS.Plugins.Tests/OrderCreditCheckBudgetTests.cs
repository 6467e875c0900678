extern alias plugins;
using CreditOS.Plugins.Tests.Builders;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Plugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;

namespace CreditOS.Plugins.Tests;

/// <summary>The order check's budget: at most 3 organization-service calls, the same whatever the customer's history.</summary>
public sealed class OrderCreditCheckBudgetTests
{
    private const int Budget = 3;

    [Theory]
    [InlineData(5)]
    [InlineData(500)]
    public void OrderCreate_StaysWithinThreeCalls_WhateverTheNumberOfInvoices(int invoices)
    {
        var execution = CheckAnOrderForACustomerWith(invoices);

        Assert.True(execution.Succeeded, execution.Error);
        Assert.InRange(execution.ServiceCalls, 1, Budget);
    }

    [Fact]
    public void OrderCreate_MakesTheSameCallsAndReadsTheSameRows_With5And500Invoices()
    {
        var small = CheckAnOrderForACustomerWith(5);
        var large = CheckAnOrderForACustomerWith(500);

        Assert.Equal(small.ServiceCalls, large.ServiceCalls);
        Assert.Equal(small.RowsReturned, large.RowsReturned);
        Assert.Equal(small.RowsExamined, large.RowsExamined);
    }

    private static LocalDataverse.Pipeline.PluginExecution CheckAnOrderForACustomerWith(int invoices)
    {
        using var world = CreditWorld.WithPlugins(typeof(Plugin));
        AnAccount().WithLimit(1_000_000).Create(world.Service);
        foreach (var invoice in AHistoryOf(invoices))
        {
            invoice.Create(world.Service);
        }

        world.ForgetExecutions();
        AnOrder().Of(5_000).Create(world.Service);
        return world.ExecutionsOf(typeof(Plugin)).Single();
    }
}
