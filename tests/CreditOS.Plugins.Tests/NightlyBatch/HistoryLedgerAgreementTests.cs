extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CsCheck;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using AccountCurrencyAmounts = plugins::CreditOS.CreditEngine.AccountCurrencyAmounts;
using Aggregates = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryAggregates;
using HistoryContext = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryContext;
using HistoryReading = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryReading;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 20: the nightly page reads its receivables as rows (5,000 a page) and groups them in memory instead of
/// running the three receivable aggregates. Property: for random pages of customers with random ledgers (invoices
/// dated up to five years back and some after the day, early, late, unpaid and partly paid, disputed or not, some
/// without a due date or an amount), every account's history from the page read equals the one the per-account path
/// reads through the FetchXML aggregates (<c>HistoryAggregates.Read</c>): the whole summary, the open items by age,
/// the overdue amounts beyond every grace period and the open orders. Session 36: the customers' credit is kept in francs
/// and about a quarter of their invoices are in pounds, which both paths count in francs from their base values.
/// </summary>
public sealed class HistoryLedgerAgreementTests
{
    private static readonly DateTime AsOf = new(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Guid Franc = CreditTestIds.Chf;
    private static readonly Guid Pound = CreditTestIds.Gbp;

    private sealed record Invoice(int DaysAgo, decimal? Amount, int? NetDays, int SettleOffset, int PaidShare, bool Disputed, bool InPounds = false);

    private static readonly Gen<Invoice> Invoices =
        Gen.Select(Gen.Int[-30, 1_900], Gen.Int[0, 500_000], Gen.Int[-1, 60], Gen.Int[-20, 200], Gen.Int[0, 4], Gen.Int[0, 8], Gen.Int[0, 3])
            .Select((daysAgo, cents, netDays, settleOffset, paidShare, disputeRoll, currencyRoll) => new Invoice(
                daysAgo,
                cents == 0 ? null : cents / 100m,
                netDays < 0 ? null : netDays,
                settleOffset,
                paidShare,
                disputeRoll == 0,
                currencyRoll == 0));

    [Fact]
    public void ThePagesLedgerRead_GivesEveryAccountTheHistoryOfTheAggregates_ForRandomPages()
    {
        using var world = CreditWorld.WithPlugins();
        CurrencyBuilder.CreateFrancAndPound(world.Service);
        int accounts = 0, withOpen = 0, withSettled = 0, withoutHistory = 0;
        void Check(List<List<Invoice>> page)
        {
            var contexts = new Dictionary<Guid, HistoryContext>();
            foreach (var ledger in page)
            {
                var accountId = Guid.NewGuid();
                AnAccount().WithId(accountId).InCurrency(Franc).Create(world.Service);
                for (var i = 0; i < ledger.Count; i++)
                {
                    world.Service.Create(ReceivableRow(accountId, i, ledger[i]));
                }

                contexts[accountId] = new HistoryContext { AsOf = AsOf, Currency = "CHF", CurrencyId = Franc, Amounts = new AccountCurrencyAmounts("CHF", CurrencyBuilder.FrancRate) };
            }

            var fromPage = Aggregates.ReadPage(world.Service, contexts, AsOf);
            foreach (var pair in contexts)
            {
                var fromAggregates = Aggregates.Read(world.Service, pair.Key, pair.Value);
                AssertSameReading(fromAggregates, fromPage[pair.Key]);
                accounts++;
                withOpen += fromAggregates.OpenItems.Count > 0 ? 1 : 0;
                withSettled += fromAggregates.Summary.Last12Months.IssuedCount > 0 ? 1 : 0;
                withoutHistory += fromAggregates.Summary.FirstActivityDate is null ? 1 : 0;
            }
        }

        // Customers with no invoice and with only invoices dated after the day are not left to chance.
        Check([[], [new Invoice(-5, 1_000m, 30, 0, 0, false)]]);
        Invoices.List[0, 25].List[1, 5].Sample(Check, iter: 40, threads: 1);

        Assert.True(accounts > 40 && withOpen > 0 && withSettled > 0 && withoutHistory > 0, accounts + " / " + withOpen + " / " + withSettled + " / " + withoutHistory);
    }

    private static void AssertSameReading(HistoryReading expected, HistoryReading actual)
    {
        HistoryAggregatesAgreementTests.AssertSameSummary(expected.Summary, actual.Summary);
        // The per-account read keeps open items one by one, the page's by day: the same amounts by age.
        Assert.Equal(ByAge(expected), ByAge(actual));
        foreach (var grace in new[] { 0, 5, 15, 30, 60 })
        {
            Assert.Equal(expected.OverdueBeyond(grace), actual.OverdueBeyond(grace));
        }

        Assert.Equal(expected.OpenOrderCount, actual.OpenOrderCount);
        Assert.Equal(expected.HeldOrderCount, actual.HeldOrderCount);
    }

    private static List<(int Days, decimal Open)> ByAge(HistoryReading reading) =>
        reading.OpenItems.GroupBy(i => i.DaysPastDue).Select(g => (g.Key, g.Sum(i => i.OpenAmount))).Where(g => g.Item2 != 0m).OrderBy(g => g.Key).ToList();

    private static Entity ReceivableRow(Guid accountId, int index, Invoice invoice)
    {
        var issued = AsOf.AddDays(-invoice.DaysAgo);
        var number = "LDG-" + accountId.ToString("N")[..8] + "-" + index;
        var amount = invoice.Amount ?? 0m;
        // A share of 0 leaves the invoice unpaid, 4 pays it in full (settled on the offset day when that is not after the day), between: part paid.
        var settledOn = issued.AddDays((invoice.NetDays ?? 30) + invoice.SettleOffset);
        settledOn = settledOn < issued ? issued : settledOn;
        var paidInFull = invoice.PaidShare == 4 && settledOn <= AsOf;
        var open = paidInFull ? 0m : Math.Round(amount * (4 - invoice.PaidShare) / 4m, 2);
        var row = new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = number,
            [Receivable.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
            [Receivable.Fields.InvoiceDate] = issued,
            [Receivable.Fields.OpenAmount] = new Money(open),
            [Receivable.Fields.IsDisputed] = invoice.Disputed,
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, invoice.InPounds ? Pound : Franc),
        };
        if (invoice.Amount is { } value)
        {
            row[Receivable.Fields.Amount] = new Money(value);
        }

        if (invoice.NetDays is { } net)
        {
            row[Receivable.Fields.DueDate] = issued.AddDays(net);
        }

        if (paidInFull)
        {
            row[Receivable.Fields.SettledOn] = settledOn;
        }

        return row;
    }
}
