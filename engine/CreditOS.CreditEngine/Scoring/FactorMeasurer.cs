using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// Turns a history summary into the measure of each factor (units on <see cref="ScoringFactor"/>); null when the
/// factor cannot be measured (no invoice in the window, no bureau report...), in which case it is left out and the
/// other weights count proportionally more.
/// </summary>
public static class FactorMeasurer
{
    /// <summary>Overdue with no sales at all to compare with counts as this many months of sales.</summary>
    public const double MonthsOfSalesWhenNoSales = 99;

    private const int MonthsPerYear = 12;
    private const double Percent = 100;

    public static double? Measure(ScoringFactor factor, HistorySummary summary, decimal annualRevenueReference) =>
        Measure(factor, summary, annualRevenueReference, PaymentEvidence.Of(summary, EvidenceSettings.Default));

    /// <summary>The measure of a factor, with the whole-history payment evidence already computed for the rule set.</summary>
    public static double? Measure(ScoringFactor factor, HistorySummary summary, decimal annualRevenueReference, PaymentEvidence evidence)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(evidence, "The payment evidence");
        return factor switch
        {
            ScoringFactor.RevenueVsSegment => annualRevenueReference > 0 ? (double)(summary.Revenue12Months / annualRevenueReference) : null,
            ScoringFactor.ActiveMonths => ActiveMonths(summary),
            ScoringFactor.RevenueVariability => RevenueVariability(summary),
            ScoringFactor.RevenueGrowth => RevenueGrowth(summary),
            ScoringFactor.LateShare6Months => AsPercent(summary.Last6Months.LateShare),
            ScoringFactor.LateBeyond15DaysShare6Months => AsPercent(summary.Last6Months.LateBeyond15DaysShare),
            ScoringFactor.AmountWeightedDaysLate12Months => summary.Last12Months.AmountWeightedDaysLate,
            ScoringFactor.RecentLateShare3Months => AsPercent(summary.Last3Months.LateShare),
            ScoringFactor.OverdueMonthsOfSales => MonthsOfSales(summary.Aging.Overdue, summary),
            ScoringFactor.SeverelyOverdueMonthsOfSales => MonthsOfSales(summary.Aging.Over60Days, summary),
            ScoringFactor.BrokenPromises => summary.Promises.Broken,
            ScoringFactor.DisputedShare12Months => AsPercent(summary.Last12Months.DisputedShare),
            ScoringFactor.BureauSolvency => summary.LatestBureauReport?.SolvencyScore,
            ScoringFactor.BureauRating => (int?)summary.LatestBureauReport?.Rating,
            ScoringFactor.BureauDaysBeyondTerms => summary.LatestBureauReport?.DaysBeyondTermsScore,
            ScoringFactor.BureauJudgments => summary.LatestBureauReport is { } report ? report.Judgments + report.LegalProceedings : null,
            ScoringFactor.BureauPrivileges => summary.LatestBureauReport?.Privileges,
            ScoringFactor.LateShare => evidence.LateShare * Percent,
            ScoringFactor.LateBeyond15DaysShare => evidence.LateBeyond15DaysShare * Percent,
            ScoringFactor.AverageDaysVsDue => evidence.DaysVsDue,
            ScoringFactor.AmountWeightedDaysVsDue => evidence.AmountWeightedDaysVsDue,
            ScoringFactor.RecentDaysVsDue3Months => evidence.RecentDaysVsDue,
            _ => throw new CreditInputException("Scoring factor " + factor + " is not known to this version of the engine."),
        };
    }

    /// <summary>Average monthly invoiced amount over the last 12 complete months.</summary>
    public static decimal AverageMonthlySales(HistorySummary summary) => summary.Revenue12Months / MonthsPerYear;

    private static double? AsPercent(double? share) => share * Percent;

    private static double ActiveMonths(HistorySummary summary)
    {
        var active = 0;
        for (var month = 0; month < MonthsPerYear; month++)
        {
            if (summary.RevenueForMonth(month) > 0)
            {
                active++;
            }
        }

        return active;
    }

    private static double? RevenueVariability(HistorySummary summary)
    {
        var mean = (double)AverageMonthlySales(summary);
        if (mean <= 0)
        {
            return null;
        }

        var squares = 0.0;
        for (var month = 0; month < MonthsPerYear; month++)
        {
            var deviation = (double)summary.RevenueForMonth(month) - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / MonthsPerYear) / mean;
    }

    private static double? RevenueGrowth(HistorySummary summary)
    {
        var prior = summary.RevenuePrior12Months;
        return prior > 0 ? (double)((summary.Revenue12Months / prior) - 1) * Percent : null;
    }

    private static double MonthsOfSales(decimal balance, HistorySummary summary)
    {
        if (balance <= 0)
        {
            return 0;
        }

        var monthly = AverageMonthlySales(summary);
        return monthly > 0 ? Math.Min(MonthsOfSalesWhenNoSales, (double)(balance / monthly)) : MonthsOfSalesWhenNoSales;
    }
}
