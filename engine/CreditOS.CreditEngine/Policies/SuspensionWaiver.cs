using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// What Finance accepted when it lifted a suspension: the bureau facts of that day. Only something worse than these
/// suspends again (one more judgment or privilege, a worse rating, a lower solvency); a daily report that still shows
/// the same judgment does not. A fraud flag is cleared by the lift itself, so a new flag always suspends.
/// </summary>
public sealed record SuspensionWaiver(int Judgments, int Privileges, BureauRating Rating, int SolvencyScore)
{
    /// <summary>The waiver for the bureau report in force when Finance lifts (none: nothing bureau-based is waived).</summary>
    public static SuspensionWaiver For(BureauReport? latest) =>
        latest is null
            ? new SuspensionWaiver(0, 0, BureauRating.A, BureauReport.MaxSolvencyScore)
            : new SuspensionWaiver(latest.Judgments + latest.LegalProceedings, latest.Privileges, latest.Rating, latest.SolvencyScore);

    public bool CoversJudgments(BureauReport report) => report.Judgments + report.LegalProceedings <= Judgments;

    public bool CoversPrivileges(BureauReport report) => report.Privileges <= Privileges;

    public bool CoversDeterioration(BureauReport report) => report.Rating <= Rating && report.SolvencyScore >= SolvencyScore;
}
