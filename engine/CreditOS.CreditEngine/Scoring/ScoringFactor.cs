namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// The measurable factors. Value factors score how much the customer is worth (points: higher = more valuable);
/// risk factors score how likely late payment is (points: higher = riskier). Units are given per factor.
/// </summary>
public enum ScoringFactor
{
    /// <summary>Value: trailing 12-month revenue ÷ the segment's reference annual revenue (ratio).</summary>
    RevenueVsSegment = 1,

    /// <summary>Value: months with purchases among the last 12 complete months (0-12).</summary>
    ActiveMonths = 2,

    /// <summary>Value: coefficient of variation of monthly revenue over the last 12 months (0 = perfectly regular).</summary>
    RevenueVariability = 3,

    /// <summary>Value: revenue of the last 12 months against the prior 12, in percent change.</summary>
    RevenueGrowth = 4,

    /// <summary>Risk: percent of invoices of the last 6 months paid late (or open past due).</summary>
    LateShare6Months = 101,

    /// <summary>Risk: percent of invoices of the last 6 months paid more than 15 days late.</summary>
    LateBeyond15DaysShare6Months = 102,

    /// <summary>Risk: amount-weighted average days beyond terms over the last 12 months.</summary>
    AmountWeightedDaysLate12Months = 103,

    /// <summary>Risk: percent of invoices of the last 3 months paid late: recent behaviour counts twice (deterioration).</summary>
    RecentLateShare3Months = 104,

    /// <summary>Risk: overdue balance in months of average sales (overdue ÷ average monthly revenue).</summary>
    OverdueMonthsOfSales = 105,

    /// <summary>Risk: balance more than 60 days past due in months of average sales.</summary>
    SeverelyOverdueMonthsOfSales = 106,

    /// <summary>Risk: promises to pay broken in the last 12 months (count).</summary>
    BrokenPromises = 107,

    /// <summary>Risk: percent of invoices of the last 12 months disputed.</summary>
    DisputedShare12Months = 108,

    /// <summary>Risk: bureau solvency score 0-100 (100 best).</summary>
    BureauSolvency = 109,

    /// <summary>Risk: bureau rating as a number, A = 1 to E = 5.</summary>
    BureauRating = 110,

    /// <summary>Risk: bureau days-beyond-terms score 0-120.</summary>
    BureauDaysBeyondTerms = 111,

    /// <summary>Risk: judgments and legal proceedings on the bureau report (count).</summary>
    BureauJudgments = 112,

    /// <summary>Risk: privileges such as tax or social liens on the bureau report (count).</summary>
    BureauPrivileges = 113,

    /// <summary>
    /// Risk: percent of invoices paid late over the whole history, recent ones weighted more, shrunk toward the segment's
    /// prior (<see cref="EvidenceSettings"/>).
    /// </summary>
    LateShare = 114,

    /// <summary>Risk: percent of invoices paid more than 15 days late over the whole history, weighted and shrunk like <see cref="LateShare"/>.</summary>
    LateBeyond15DaysShare = 115,

    /// <summary>
    /// Risk: average days paid relative to the due date (early negative, open items aged to the evaluation date), one
    /// vote per invoice, recent ones weighted more, shrunk toward the segment's prior.
    /// </summary>
    AverageDaysVsDue = 116,

    /// <summary>Risk: as <see cref="AverageDaysVsDue"/> but each invoice weighted by its amount.</summary>
    AmountWeightedDaysVsDue = 117,

    /// <summary>
    /// Risk: average days paid relative to the due date of the invoices of the last 3 months (early negative, open
    /// items aged to the evaluation date, an item not yet due at the customer's own recent figure but never below 0),
    /// shrunk toward the customer's whole-history <see cref="AverageDaysVsDue"/>: how late the customer pays now, so a
    /// deterioration (or a recovery) shows before the whole-history figure moves. From the last-3-months window the
    /// summary already holds: no aggregate of its own (session 29).
    /// </summary>
    RecentDaysVsDue3Months = 118,
}
