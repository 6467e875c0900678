using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.CreditEngine.Tests.Backtesting;

/// <summary>
/// Session 21: the shipped rule set must earn its keep on every ledger shape the repository can generate, not only on
/// the first sample (<see cref="BacktesterOnSampleTests"/>): above both of issue 11's baselines on the same invoices.
/// The shapes: good/fair/poor payers (the first sample), many small customers billed monthly, mixed terms drifting
/// with a downturn; and, added in session 21, long seasonal terms with many one-off buyers, where the shipped score
/// beats the late-share baseline but NOT the average-days one (0.740 against 0.755): the same payments under net 30
/// beat both, so the long terms are what the score loses on (open issue, engine/README "Session 21").
/// Sessions 22-23 made open invoices not yet due carry no evidence (they count at the customer's own average, never
/// below the due date): 0.743 on the seasonal shape, up on every shape, still below the average-days baseline, so the
/// weaker assertion stays. What remains is measured in engine/README "Open invoices not yet due as "no evidence":
/// measured, shipped, reverted (session 22)": recency weighting against a yearly season, not the open invoices.
/// </summary>
public sealed class ShippedScoreOnEveryShapeTests
{
    public static TheoryData<string> Shapes => new(["sample", "monthly", "drifting"]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ShippedRuleSet_BeatsBothBaselines(string shape)
    {
        var result = Backtester.Run(BacktestCsv.FromHistories(Generate(shape)), DefaultCreditConfiguration.Create());

        Assert.NotNull(result.Auc);
        Assert.True(result.Auc > result.BaselineLateShareAuc, shape + ": auc " + result.Auc + " vs late-share baseline " + result.BaselineLateShareAuc);
        Assert.True(result.Auc > result.BaselineAverageDaysAuc, shape + ": auc " + result.Auc + " vs average-days baseline " + result.BaselineAverageDaysAuc);
    }

    [Fact]
    public void SeasonalLongTermsShape_ShippedRuleSetBeatsTheLateShareBaseline_AndBetterThanChance()
    {
        var result = Backtester.Run(BacktestCsv.FromHistories(Generate("seasonal-long-terms")), DefaultCreditConfiguration.Create());

        Assert.True(result.Auc > 0.7, "auc " + result.Auc);
        Assert.True(result.Auc > result.BaselineLateShareAuc, "auc " + result.Auc + " vs late-share baseline " + result.BaselineLateShareAuc);
    }

    /// <summary>
    /// The diagnosis of the loss above, as a test: every invoice moved to net 30 with its payment moved by the same days
    /// (days relative to due unchanged, outcomes known sooner), the shipped score beats both baselines again.
    /// </summary>
    [Fact]
    public void SeasonalLongTermsShape_TheSamePaymentsUnderNet30_BeatBothBaselines()
    {
        var net30 = BacktestCsv.FromHistories(Generate("seasonal-long-terms")).Select(i =>
        {
            var shift = (i.DueDate - i.InvoiceDate).Days - 30;
            var settled = i.SettledDate?.AddDays(-shift);
            return i with { DueDate = i.DueDate.AddDays(-shift), SettledDate = settled < i.InvoiceDate ? i.InvoiceDate : settled };
        }).ToList();

        var result = Backtester.Run(net30, DefaultCreditConfiguration.Create());

        Assert.True(result.Auc > result.BaselineLateShareAuc, "auc " + result.Auc + " vs late-share baseline " + result.BaselineLateShareAuc);
        Assert.True(result.Auc > result.BaselineAverageDaysAuc, "auc " + result.Auc + " vs average-days baseline " + result.BaselineAverageDaysAuc);
    }

    [Fact]
    public void SeasonalLongTermsShape_LooksDifferent_LongTermsSeasonalLatenessAndManyOneInvoiceCustomers()
    {
        var customers = SeasonalLongTermsPortfolioGenerator.Generate(SeasonalLongTermsPortfolioGenerator.DefaultOptions);
        var invoices = customers.SelectMany(c => c.Invoices).ToList();
        var oneInvoice = customers.Count(c => c.Invoices.Count == 1);
        var terms = invoices.Select(i => (i.DueDate - i.InvoiceDate).Days).Distinct().Order().ToList();

        // Days vs due by the due date's month, over the settled invoices of customers with history: the season shows.
        var byMonth = invoices.Where(i => i.SettledDate is not null)
            .GroupBy(i => i.DueDate.Month)
            .Select(g => g.Average(i => (i.SettledDate!.Value - i.DueDate).TotalDays))
            .ToList();

        Assert.Equal([60, 75, 90], terms);
        Assert.InRange(oneInvoice, customers.Count / 4, customers.Count / 2);
        Assert.True(invoices.Count > 2_500, "invoices: " + invoices.Count);
        Assert.True(byMonth.Max() - byMonth.Min() > 1, "the portfolio's month-by-month days vs due vary by " + (byMonth.Max() - byMonth.Min()));
    }

    [Fact]
    public void SeasonalLongTermsShape_IsDeterministic()
    {
        var first = BacktestCsv.FromHistories(SeasonalLongTermsPortfolioGenerator.Generate(SeasonalLongTermsPortfolioGenerator.DefaultOptions));
        var second = BacktestCsv.FromHistories(SeasonalLongTermsPortfolioGenerator.Generate(SeasonalLongTermsPortfolioGenerator.DefaultOptions));

        Assert.Equal(first, second);
    }

    private static IReadOnlyList<CustomerHistory> Generate(string shape) => shape switch
    {
        "sample" => SamplePortfolioGenerator.Generate(SampleHistoryFile.Options),
        "monthly" => MonthlyBillingPortfolioGenerator.Generate(MonthlyBillingPortfolioGenerator.DefaultOptions),
        "drifting" => DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions),
        _ => SeasonalLongTermsPortfolioGenerator.Generate(SeasonalLongTermsPortfolioGenerator.DefaultOptions),
    };
}
