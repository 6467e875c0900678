namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// The unit each factor is measured in and the range its band edges can sensibly take, so a rule set written in the
/// wrong unit is refused when it is checked (at activation) instead of silently scoring every customer in one band:
/// a ratio written in percent (revenue against the segment 25, 50, 100 instead of 0.25, 0.5, 1) puts everyone below
/// the first edge; a share written as a fraction (0.05, 0.15 instead of 5, 15) puts everyone above the last.
/// </summary>
public sealed record FactorUnits(string Unit, string Example, double Minimum, double Maximum, bool IsPercent)
{
    private const double FractionCeiling = 1;

    public static FactorUnits Of(ScoringFactor factor) => factor switch
    {
        ScoringFactor.RevenueVsSegment => new("a ratio to the segment's reference revenue (1 = the reference)", "0.5 for half the reference", 0, 50, false),
        ScoringFactor.ActiveMonths => new("months with purchases (0-12)", "6", 0, 12, false),
        ScoringFactor.RevenueVariability => new("a coefficient of variation (0 = perfectly regular)", "0.3", 0, 10, false),
        ScoringFactor.RevenueGrowth => new("percent change against the prior 12 months", "20 for +20%", -100, 1000, true),
        ScoringFactor.LateShare6Months or ScoringFactor.LateBeyond15DaysShare6Months or ScoringFactor.RecentLateShare3Months
            or ScoringFactor.DisputedShare12Months or ScoringFactor.LateShare or ScoringFactor.LateBeyond15DaysShare
            => new("percent of invoices (0-100)", "15 for 15%", 0, 100, true),
        ScoringFactor.AmountWeightedDaysLate12Months => new("days beyond terms (0-120)", "10", 0, 120, false),
        ScoringFactor.AverageDaysVsDue or ScoringFactor.AmountWeightedDaysVsDue or ScoringFactor.RecentDaysVsDue3Months => new("days relative to the due date (-30 to 120, early negative)", "5", -History.PaymentWindowStats.LongestEarlyDaysFloor, History.PaymentWindowStats.LateDaysCap, false),
        ScoringFactor.OverdueMonthsOfSales or ScoringFactor.SeverelyOverdueMonthsOfSales => new("months of average sales (a fraction: 0.5 = half a month)", "0.5", 0, 24, false),
        ScoringFactor.BrokenPromises or ScoringFactor.BureauJudgments or ScoringFactor.BureauPrivileges => new("a count", "1", 0, 100, false),
        ScoringFactor.BureauSolvency => new("the bureau's solvency score (0-100)", "60", 0, 100, false),
        ScoringFactor.BureauRating => new("the rating as a number (A = 1 ... E = 5)", "3 for C", 1, 5, false),
        ScoringFactor.BureauDaysBeyondTerms => new("the bureau's days-beyond-terms score (0-120)", "15", 0, 120, false),
        _ => new("its own unit", "-", double.NegativeInfinity, double.PositiveInfinity, false),
    };

    /// <summary>
    /// What is wrong with the band edges in this unit, or null: an edge outside the factor's range, or a percent
    /// factor whose every edge is at most 1 (written as fractions).
    /// </summary>
    public string? Problem(IReadOnlyList<double> edges)
    {
        var outside = edges.Where(e => e < Minimum || e > Maximum).ToList();
        if (outside.Count > 0)
        {
            return "band edge(s) " + string.Join(", ", outside.Select(Text)) + " lie outside " + Text(Minimum) + " to " + Text(Maximum)
                + "; the factor is measured in " + Unit + " (for example " + Example + ")" + (IsPercent ? string.Empty : ", not in percent");
        }

        return IsPercent && edges.Count > 0 && edges.All(e => Math.Abs(e) <= FractionCeiling) && edges.Any(e => e != 0)
            ? "every band edge (" + string.Join(", ", edges.Select(Text)) + ") is at most 1, as if written as fractions; the factor is measured in " + Unit + " (for example " + Example + ")"
            : null;
    }

    private static string Text(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
