extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using LimitWriter = plugins::CreditOS.Dataverse.Approvals.CreditLimitWriter;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Currencies;

/// <summary>
/// The ERP invoices a Swiss customer, whose credit is kept in francs, in francs and in pounds. The environment's base
/// currency is the dollar; the franc is at 0.9 and the pound at 0.8 to it, so GBP 10,000.00 is USD 12,500.00 in Dataverse's
/// base column and CHF 11,250.00 in the account's currency. Its exposure, overdue and order decisions count the pound invoices
/// at that value, not as if they were francs (before session 36 GBP 10,000.00 counted as CHF 10,000.00).
/// </summary>
public sealed class ReceivablesInSeveralCurrenciesTests : IDisposable
{
    private static readonly Guid Franc = CreditTestIds.Chf;
    private static readonly Guid Pound = CreditTestIds.Gbp;

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public ReceivablesInSeveralCurrenciesTests()
    {
        CurrencyBuilder.CreateFrancAndPound(world.Service);
        AnAccount().Unscored().WithLimit(0).InCurrency(Franc).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.InCurrency(Franc).Create(world.Service);
        }
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void ExposureAndTheOrderDecision_CountThePoundInvoiceInFrancs_AndTheMessageStatesTheFrancFigures()
    {
        AnInvoice().Numbered(900).Of(20_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).InCurrency(Franc).Create(world.Service);
        AnInvoice().Numbered(901).Of(10_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).InCurrency(Pound).Create(world.Service);

        Rescore();
        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            50_000m,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(90),
            asOf: CreditTestIds.Today);

        // CHF 20,000.00 + GBP 10,000.00 (USD 12,500.00 = CHF 11,250.00).
        Assert.Equal(31_250m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal(31_250m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));
        Assert.Equal(18_750m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.AvailableCredit));
        Assert.Equal(62.5m, world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.Utilization));

        // CHF 19,250.00 fits CHF 30,000.00 of franc-and-pound figures taken as francs, not CHF 31,250.00.
        var orderId = AnOrder().InCurrency(Franc).Of(19_250m).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("Limit CHF 50,000.00, exposure CHF 31,250.00", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void OverdueAndAging_CountThePoundInvoiceInFrancs()
    {
        AnInvoice().Numbered(900).Of(1_000m).IssuedDaysAgo(70).DueAfter(30).SettledDaysAgo(null).InCurrency(Franc).Create(world.Service);
        AnInvoice().Numbered(901).Of(2_000m).IssuedDaysAgo(70).DueAfter(30).SettledDaysAgo(null).InCurrency(Pound).Create(world.Service);

        Rescore();

        // CHF 1,000.00 + GBP 2,000.00 (USD 2,500.00 = CHF 2,250.00), 40 days past due.
        Assert.Equal(3_250m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));
        Assert.Equal(3_250m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueBeyondGrace));
        Assert.Equal(3_250m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
    }

    [Fact]
    public void APoundPaymentTheSameDay_LeavesTheRestOfThePoundInvoiceInFrancs()
    {
        AnInvoice().Numbered(900).Of(20_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).InCurrency(Franc).Create(world.Service);
        AnInvoice().Numbered(901).Of(10_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).InCurrency(Pound).Create(world.Service);
        Rescore();

        APayment().InCurrency(Pound).Of(4_000m).Settling("INV-00901").Create(world.Service);

        // GBP 6,000.00 left open: USD 7,500.00 = CHF 6,750.00, beside CHF 20,000.00.
        Assert.Equal(26_750m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal(26_750m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));

        // A franc payment the same day is applied to the running figures, where the pound invoice is kept in francs.
        APayment().InCurrency(Franc).Of(5_000m).Settling("INV-00900").WithErpId("PAY-2").Create(world.Service);

        Assert.Equal(21_750m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
