extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CsCheck;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using AccountCurrencyAmounts = plugins::CreditOS.CreditEngine.AccountCurrencyAmounts;
using Aggregates = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryAggregates;
using Assessor = plugins::CreditOS.CreditEngine.CreditAssessor;
using CustomerHistory = plugins::CreditOS.CreditEngine.History.CustomerHistory;
using DefaultConfiguration = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using ExposureFactory = plugins::CreditOS.CreditEngine.Exposure.ExposureSnapshotFactory;
using HistoryContext = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryContext;
using HistorySummary = plugins::CreditOS.CreditEngine.History.HistorySummary;
using InputFactory = plugins::CreditOS.CreditEngine.Decisions.OrderCheckInputFactory;
using InvoiceRecord = plugins::CreditOS.CreditEngine.History.InvoiceRecord;
using OrderRecord = plugins::CreditOS.CreditEngine.History.OrderRecord;
using OrderStatus = plugins::CreditOS.CreditEngine.History.OrderStatus;
using Decisions = plugins::CreditOS.CreditEngine.Decisions.OrderDecisionEngine;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using Summarizer = plugins::CreditOS.CreditEngine.History.HistorySummarizer;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// The two homes of the history summary agree: <c>HistorySummarizer</c> (raw history: tests, backtest, batch) and
/// <c>HistoryAggregates</c> (FetchXML aggregates through the local Dataverse: the plugins) give the same summary and
/// therefore the same score, tier, limit and order decision, for random histories up to five years long, with early,
/// on-time, late and unpaid invoices and disputes. Session 36: the customer's credit is kept in francs (0.9 to the base
/// dollar) and about a quarter of its invoices are in pounds (0.8): the raw history takes each pound invoice at its base
/// value (Dataverse's <c>cos_amount_base</c>) in francs through the engine's one conversion rule, the aggregates sum the base
/// values per currency and convert the sum.
/// </summary>
public sealed class HistoryAggregatesAgreementTests
{
    private static readonly DateTime AsOf = new(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Guid Franc = CreditTestIds.Chf;
    private static readonly Guid Pound = CreditTestIds.Gbp;

    private static readonly Gen<InvoiceRecord> Invoice =
        Gen.Select(Gen.Int[0, 1_900], Gen.Int[1, 500_000], Gen.Int[0, 120], Gen.Int[-20, 200], Gen.Int[0, 6], Gen.Int[0, 12], Gen.Int[0, 3])
            .Select((daysAgo, cents, netDays, settleOffset, unpaidRoll, disputeRoll, currencyRoll) =>
            {
                var issued = AsOf.AddDays(-daysAgo);
                var due = issued.AddDays(netDays);
                var settled = due.AddDays(settleOffset);
                settled = settled < issued ? issued : settled;
                return new InvoiceRecord(string.Empty, issued, due, cents / 100m, unpaidRoll == 0 || settled > AsOf ? null : settled, disputeRoll == 0, currencyRoll == 0 ? "GBP" : "CHF");
            });

    [Fact]
    public void SummarizerAndAggregates_GiveTheSameSummaryAndDecision_ForRandomHistories()
    {
        using var world = CreditWorld.WithPlugins();
        CurrencyBuilder.CreateFrancAndPound(world.Service);
        var inFrancs = new AccountCurrencyAmounts("CHF", CurrencyBuilder.FrancRate);
        var configuration = DefaultConfiguration.Create();
        int withOldEvidence = 0, payingEarly = 0, notYetScored = 0, inTwoCurrencies = 0;
        void Check(List<InvoiceRecord> invoices)
        {
            var accountId = Guid.NewGuid();
            AnAccount().WithId(accountId).InCurrency(Franc).Create(world.Service);
            var numbered = new List<InvoiceRecord>();
            foreach (var invoice in invoices.Select((invoice, i) => invoice with { Id = "INV-" + accountId.ToString("N")[..8] + "-" + i }))
            {
                // The raw history is in the account's francs: a pound invoice counts at its base value (as Dataverse computed it) in francs.
                var id = world.Service.Create(ReceivableRow(accountId, invoice));
                var inBase = world.Service.Retrieve(Receivable.EntityLogicalName, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(Receivable.Fields.AmountBase)).GetAttributeValue<Money>(Receivable.Fields.AmountBase).Value;
                numbered.Add(invoice with { Amount = inFrancs.InAccountCurrency(invoice.Amount, inBase, invoice.Currency != "GBP", "Invoice " + invoice.Id), Currency = null });
            }

            inTwoCurrencies += invoices.Select(i => i.Currency).Distinct().Count() > 1 ? 1 : 0;

            // ERP invoices stand for completed orders on the Dataverse side; the raw history says so with one order each.
            var history = new CustomerHistory
            {
                CustomerId = accountId.ToString("D"),
                Currency = "CHF",
                Invoices = numbered,
                Orders = numbered.Select(i => new OrderRecord("SO-" + i.Id, i.InvoiceDate, i.Amount, OrderStatus.Fulfilled, "Sales")).ToList(),
            };

            var fromRows = Summarizer.Summarize(history, AsOf);
            var fromAggregates = Aggregates.Read(world.Service, accountId, new HistoryContext { AsOf = AsOf, Currency = "CHF", CurrencyId = Franc, Amounts = inFrancs }).Summary;

            AssertSameSummary(fromRows, fromAggregates);
            withOldEvidence += fromRows.Earlier.IssuedCount > 0 ? 1 : 0;
            payingEarly += numbered.Any(i => i.SettledDate is { } paid && paid < i.DueDate) ? 1 : 0;
            var expected = Assessor.Assess(fromRows, configuration);
            var actual = Assessor.Assess(fromAggregates, configuration);
            Assert.Equal(expected.Score.Risk, actual.Score.Risk);
            Assert.Equal(expected.Score.Value, actual.Score.Value);
            Assert.Equal(expected.Score.NotYetScored, actual.Score.NotYetScored);
            notYetScored += expected.Score.NotYetScored ? 1 : 0;
            Assert.Equal(expected.Score.RiskReasons, actual.Score.RiskReasons);
            Assert.Equal(expected.Tier.Code, actual.Tier.Code);
            Assert.Equal(expected.CreditLimit, actual.CreditLimit);
            Assert.Equal(expected.IsOnStarterTerms, actual.IsOnStarterTerms);

            var exposure = ExposureFactory.FromHistory(history, AsOf, expected.Policy.GraceDays);
            var decided = Decisions.Decide(InputFactory.FromAssessment(expected, exposure, 5_000m, "Sales", AsOf, configuration));
            var decidedFromAggregates = Decisions.Decide(InputFactory.FromAssessment(actual, exposure, 5_000m, "Sales", AsOf, configuration));
            Assert.Equal(decided.Outcome, decidedFromAggregates.Outcome);
            Assert.Equal(decided.Reasons.Select(r => r.Code), decidedFromAggregates.Reasons.Select(r => r.Code));
        }

        // A customer with no payment evidence is not left to chance (a random sample reaches one only now and then):
        // one with no invoice at all and one whose only invoice is still open are checked first.
        Check([]);
        Check([new InvoiceRecord(string.Empty, AsOf.AddDays(-10), AsOf.AddDays(20), 1_250m, null, false)]);

        // Session 35: on net 90 an open invoice counts close to due from 15 days before its due date (a sixth of its
        // terms), on net 120 from 20; the aggregates read each invoice's terms from its invoice and due days.
        List<InvoiceRecord> longTerms =
        [
            new(string.Empty, AsOf.AddDays(-200), AsOf.AddDays(-110), 9_000m, AsOf.AddDays(-125), false),
            new(string.Empty, AsOf.AddDays(-78), AsOf.AddDays(12), 4_000m, null, false),
            new(string.Empty, AsOf.AddDays(-78), AsOf.AddDays(12), 2_500m, null, true),
            new(string.Empty, AsOf.AddDays(-103), AsOf.AddDays(17), 3_000m, null, false),
        ];
        Check(longTerms);
        var longTermsSummary = Summarizer.Summarize(new CustomerHistory { CustomerId = "LONG", Currency = "USD", Invoices = longTerms.Select((invoice, i) => invoice with { Id = "L" + i }).ToList() }, AsOf);
        Assert.Equal(3 + 3 + 3, longTermsSummary.Last12Months.NotYetDueCloseDaysSum);

        Invoice.List[0, 30].Sample(Check, iter: 60, threads: 1);

        // The random histories reached what the new statistics read: evidence older than 24 months, early payment, no evidence.
        Assert.True(withOldEvidence > 0 && payingEarly > 0 && notYetScored > 0 && inTwoCurrencies > 0, withOldEvidence + " / " + payingEarly + " / " + notYetScored + " / " + inTwoCurrencies);
    }

    internal static void AssertSameSummary(HistorySummary expected, HistorySummary actual)
    {
        Assert.Equal(expected.Last3Months, actual.Last3Months);
        Assert.Equal(expected.Last6Months, actual.Last6Months);
        Assert.Equal(expected.Last12Months, actual.Last12Months);
        Assert.Equal(expected.Prior12Months, actual.Prior12Months);
        Assert.Equal(expected.Earlier, actual.Earlier);
        Assert.Equal(expected.Aging, actual.Aging);
        Assert.Equal(expected.OldestOverdueDays, actual.OldestOverdueDays);
        Assert.Equal(expected.OpenDisputedAmount, actual.OpenDisputedAmount);
        Assert.Equal(expected.MonthlyRevenue, actual.MonthlyRevenue);
        Assert.Equal(expected.CompletedOrderCount, actual.CompletedOrderCount);
        Assert.Equal(expected.FirstActivityDate, actual.FirstActivityDate);
        Assert.Equal(expected.Promises, actual.Promises);
        Assert.Equal(expected.OpenOrdersNotInvoiced, actual.OpenOrdersNotInvoiced);
    }

    private static Entity ReceivableRow(Guid accountId, InvoiceRecord invoice)
    {
        var row = new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = invoice.Id,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = invoice.Id,
            [Receivable.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
            [Receivable.Fields.InvoiceDate] = invoice.InvoiceDate,
            [Receivable.Fields.DueDate] = invoice.DueDate,
            [Receivable.Fields.Amount] = new Money(invoice.Amount),
            [Receivable.Fields.OpenAmount] = new Money(invoice.SettledDate is null ? invoice.Amount : 0m),
            [Receivable.Fields.IsDisputed] = invoice.Disputed,
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, invoice.Currency == "GBP" ? Pound : Franc),
        };
        if (invoice.SettledDate is { } settled)
        {
            row[Receivable.Fields.SettledOn] = settled;
        }

        return row;
    }
}
