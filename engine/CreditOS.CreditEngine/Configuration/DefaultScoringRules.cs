using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// The shipped default rule set ("creditOS default" v5). Weights are relative within each score; the risk weights add
/// up to 100 so each reads as "percent of the risk score". Reasoning, in short (engine/README.md has more):
/// payment behaviour is the best predictor of payment behaviour, so the whole-history behaviour factors carry 75%,
/// most of it on how late (signed days relative to due, per invoice); recent lateness (3 months) adds 3% so a deterioration
/// shows up quickly; promises and disputes (7%) are collection signals; the bureau (15%) matters most for customers with
/// little history with us and is capped so one report cannot outweigh our own experience.
/// </summary>
public static class DefaultScoringRules
{
    public const string Name = "creditOS default";
    public const int Version = 5;

    public static ScoringRuleSet Create() => new()
    {
        Name = Name,
        Version = Version,
        Rules =
        [
            // Value: revenue relative to the segment dominates (40) because limits follow revenue; regular buying (25)
            // shows an established relationship; growth (20) rewards customers worth investing in; stable revenue (15)
            // makes exposure predictable.
            Rule(ScoringFactor.RevenueVsSegment, 40, Band(null, 0.25, 10), Band(0.25, 0.5, 30), Band(0.5, 1, 50), Band(1, 2, 75), Band(2, null, 100)),
            Rule(ScoringFactor.ActiveMonths, 25, Band(null, 3, 10), Band(3, 6, 35), Band(6, 9, 60), Band(9, 11, 80), Band(11, null, 100)),
            Rule(ScoringFactor.RevenueVariability, 15, Band(null, 0.3, 100), Band(0.3, 0.6, 75), Band(0.6, 1, 50), Band(1, 2, 25), Band(2, null, 0)),
            Rule(ScoringFactor.RevenueGrowth, 20, Band(null, -25, 0), Band(-25, -5, 30), Band(-5, 5, 55), Band(5, 20, 75), Band(20, null, 100)),

            // Risk: own payment behaviour over the whole history (78: invoices of every age count, recent ones a little
            // more, thin evidence shrunk toward the segment's prior), of which how late on average (53: 49 per invoice, the
            // strongest single signal on real ledgers and the one the others break ties of, plus 4 per amount; early
            // payment counts in the customer's favour) and how often late (22: 20 any lateness, 2 beyond 15 days, points
            // = the share); the last 3 months once more (3) so a deterioration shows within weeks; collections signals
            // (7); bureau (15). Money already overdue is in the days and late shares (an open item past due counts late,
            // at its days so far); v5 (session 25) no longer counts it again as a balance: measured on twenty ledgers,
            // with the flatter recency (EvidenceSettings) it is the score that beats both one-line baselines on each.
            Rule(ScoringFactor.AverageDaysVsDue, 49, Band(null, -5, 0), Band(-5, 0, 15), Band(0, 5, 35), Band(5, 15, 60), Band(15, 30, 85), Band(30, null, 100)),
            Rule(ScoringFactor.AmountWeightedDaysVsDue, 4, Band(null, -5, 0), Band(-5, 0, 15), Band(0, 5, 35), Band(5, 15, 60), Band(15, 30, 85), Band(30, null, 100)),
            new ScoringRule(ScoringFactor.LateShare, 20, SharesAsPoints.Bands),
            new ScoringRule(ScoringFactor.LateBeyond15DaysShare, 2, SharesAsPoints.Bands),
            new ScoringRule(ScoringFactor.RecentLateShare3Months, 3, SharesAsPoints.Bands),
            Rule(ScoringFactor.BrokenPromises, 5, Band(null, 1, 0), Band(1, 2, 50), Band(2, 3, 75), Band(3, null, 100)),
            Rule(ScoringFactor.DisputedShare12Months, 2, Band(null, 5, 0), Band(5, 15, 40), Band(15, 30, 70), Band(30, null, 100)),
            Rule(ScoringFactor.BureauSolvency, 6, Band(null, 20, 100), Band(20, 40, 75), Band(40, 60, 45), Band(60, 80, 20), Band(80, null, 0)),
            Rule(ScoringFactor.BureauRating, 3, Band(null, 2, 0), Band(2, 3, 20), Band(3, 4, 45), Band(4, 5, 75), Band(5, null, 100)),
            Rule(ScoringFactor.BureauDaysBeyondTerms, 3, Band(null, 5, 0), Band(5, 15, 30), Band(15, 30, 60), Band(30, null, 100)),
            Rule(ScoringFactor.BureauJudgments, 2, Band(null, 1, 0), Band(1, null, 100)),
            Rule(ScoringFactor.BureauPrivileges, 1, Band(null, 1, 0), Band(1, null, 100)),
        ],
    };

    /// <summary>
    /// The recent days relative to due (<see cref="ScoringFactor.RecentDaysVsDue3Months"/>, session 29) on the days
    /// factor's bands, at weight 0: not in the shipped set (measured: it trades ledgers whose customers drift against
    /// ones whose habits last, engine/README "Session 29"), offered to <c>creditos calibrate</c>, which gives it the
    /// weight the company's own ledger supports.
    /// </summary>
    public static ScoringRule RecentDaysVsDue { get; } = Rule(
        ScoringFactor.RecentDaysVsDue3Months, 0, Band(null, -5, 0), Band(-5, 0, 15), Band(0, 5, 35), Band(5, 15, 60), Band(15, 30, 85), Band(30, null, 100));

    private static ScoringRule Rule(ScoringFactor factor, double weight, params ScoreBand[] bands) => new(factor, weight, bands);

    private static ScoreBand Band(double? lower, double? upper, double points) => new(lower, upper, points);
}
