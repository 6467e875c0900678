namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// How a rule set reads payment evidence over the whole history: the weight of each age band (recent behaviour counts
/// more, old behaviour still counts) and the segment's prior (what a customer of the segment is assumed to do before
/// we know it), which thin evidence is shrunk toward. Stored on the cos_scoringruleset row; <c>creditos calibrate</c>
/// fits the prior from the company's own ledger.
/// <para>
/// Shrinkage (empirical Bayes, a beta-binomial mean): share = (weighted late + <see cref="PriorStrength"/> × prior) ÷
/// (weighted invoices + <see cref="PriorStrength"/>). One late invoice out of one reads as halfway between the prior
/// and 100%, not as 100%; twenty out of twenty reads as nearly 100%. Shipped (rule set v5): weights 1, 0.95, 0.9,
/// 0.8, 0.7 and strength 1 (v4: 1, 0.75, 0.5, 0.25, 0.1; v3: 1, 0.85, 0.65, 0.4, 0.2 and 2). Why flatter than v4: under a
/// yearly season last year's invoices say more about this season than the newest ones, and steep weights lost to the
/// one-line average-days baseline on every seasonal ledger; engine/README.md ("session 25") has the measurements.
/// </para>
/// </summary>
public sealed record EvidenceSettings
{
    public static EvidenceSettings Default { get; } = new();

    /// <summary>Weight of invoices issued in the last 3 months.</summary>
    public double WeightLast3Months { get; init; } = 1.0;

    /// <summary>Weight of invoices issued 4 to 6 months ago.</summary>
    public double WeightMonths4To6 { get; init; } = 0.95;

    /// <summary>Weight of invoices issued 7 to 12 months ago.</summary>
    public double WeightMonths7To12 { get; init; } = 0.9;

    /// <summary>Weight of invoices issued 13 to 24 months ago.</summary>
    public double WeightMonths13To24 { get; init; } = 0.8;

    /// <summary>Weight of invoices issued more than 24 months ago.</summary>
    public double WeightOlder { get; init; } = 0.7;

    /// <summary>Share of invoices the segment pays late (0-1): the prior for the late share.</summary>
    public double PriorLateShare { get; init; } = 0.30;

    /// <summary>Share of invoices the segment pays more than 15 days late (0-1).</summary>
    public double PriorLateBeyond15DaysShare { get; init; } = 0.10;

    /// <summary>Average days relative to the due date the segment pays at (early negative).</summary>
    public double PriorDaysVsDue { get; init; } = 3;

    /// <summary>How many (weighted) invoices the prior counts as: the larger, the more evidence it takes to move away from it.</summary>
    public double PriorStrength { get; init; } = 1;

    /// <summary>The five band weights, newest first.</summary>
    public IReadOnlyList<double> BandWeights => [WeightLast3Months, WeightMonths4To6, WeightMonths7To12, WeightMonths13To24, WeightOlder];
}
