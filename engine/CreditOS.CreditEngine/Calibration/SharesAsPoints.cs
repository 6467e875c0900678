using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Calibration;

/// <summary>
/// A second shape the calibration may read the late shares with (session 24): a share's points are the share itself
/// (30% of invoices late → 30 points), a straight line from 0% to 100%, instead of the starting bands (shipped: 10% late
/// → 15 points, 22.5% → 35, 75% and above → 100), which give the first late invoices the most points per percent.
/// <para>
/// Session 24 offered it to the calibration only (alone it lowered Risk scores by 3–4 points); session 25 ships it in
/// the default rule set v5 together with the other changes that keep the scale (engine/README.md, "session 25"), so
/// the calibration tries it only when its starting rule set reads the shares otherwise (an admin's or v4's bands).
/// Still "range value × weight" rows an admin edits; points rise with the share, so the laws hold.
/// </para>
/// </summary>
public static class SharesAsPoints
{
    /// <summary>The factors read with this shape: the late shares (whole history, beyond 15 days, last 3 months).</summary>
    public static IReadOnlyList<ScoringFactor> Factors { get; } =
        [ScoringFactor.LateShare, ScoringFactor.LateBeyond15DaysShare, ScoringFactor.RecentLateShare3Months];

    // Each band's points are its middle, so the interpolated points equal the share between 0% and 100%.
    public static IReadOnlyList<ScoreBand> Bands { get; } =
    [
        new(null, 0, 0), new(0, 10, 5), new(10, 20, 15), new(20, 40, 30), new(40, 60, 50), new(60, 80, 70), new(80, 100, 90), new(100, null, 100),
    ];

    /// <summary>The rule set with the late shares' bands replaced by "points = the share"; weights and every other factor unchanged.</summary>
    public static ScoringRuleSet Apply(ScoringRuleSet ruleSet)
    {
        Require.NotNull(ruleSet, "The rule set");
        return ruleSet with { Rules = [.. ruleSet.Rules.Select(r => Factors.Contains(r.Factor) ? r with { Bands = Bands } : r)] };
    }

    /// <summary>True when every late share the rule set reads already has these points (applying the shape changes nothing).</summary>
    public static bool IsAppliedTo(ScoringRuleSet ruleSet)
    {
        Require.NotNull(ruleSet, "The rule set");
        return ruleSet.Rules.Where(r => Factors.Contains(r.Factor)).All(r => r.Bands.SequenceEqual(Bands));
    }
}
