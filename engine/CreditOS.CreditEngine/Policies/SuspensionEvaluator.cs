using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// Applies the immediate-suspension rules: judgment, privilege, fraud flag, bureau deterioration; bureau facts Finance
/// waived when it lifted a suspension (<see cref="SuspensionWaiver"/>) do not suspend again.
/// </summary>
public static class SuspensionEvaluator
{
    public static SuspensionState Evaluate(HistorySummary summary, SuspensionRules rules, SuspensionWaiver? waiver = null)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(rules, "The suspension rules");
        var reasons = new List<SuspensionReason>();
        var latest = summary.LatestBureauReport;
        if (rules.SuspendOnFraud && summary.Flags.Fraud)
        {
            reasons.Add(new SuspensionReason(SuspensionCause.Fraud, "the account is flagged for suspected fraud"));
        }

        if (rules.SuspendOnJudgment && latest is { HasJudgmentOrProceeding: true } && waiver?.CoversJudgments(latest) != true)
        {
            reasons.Add(new SuspensionReason(
                SuspensionCause.BureauJudgment,
                "the bureau report of " + Require.Day(latest.ReportDate) + " shows " + latest.Judgments + " judgment(s) and " + latest.LegalProceedings + " legal proceeding(s)"));
        }

        if (rules.SuspendOnPrivilege && latest is { Privileges: > 0 } && waiver?.CoversPrivileges(latest) != true)
        {
            reasons.Add(new SuspensionReason(
                SuspensionCause.BureauPrivilege,
                "the bureau report of " + Require.Day(latest.ReportDate) + " shows " + latest.Privileges + " privilege(s) (tax or social liens)"));
        }

        if (latest is not null && IsDeterioration(latest, summary.PreviousBureauReport, rules) && waiver?.CoversDeterioration(latest) != true)
        {
            reasons.Add(new SuspensionReason(SuspensionCause.BureauDeterioration, DeteriorationText(latest, summary.PreviousBureauReport)));
        }

        return reasons.Count == 0 ? SuspensionState.None : new SuspensionState(reasons);
    }

    private static bool IsDeterioration(BureauReport latest, BureauReport? previous, SuspensionRules rules) =>
        latest.Rating >= rules.RatingFloor
        || (previous is not null && previous.SolvencyScore - latest.SolvencyScore >= rules.SolvencyDropPoints);

    private static string DeteriorationText(BureauReport latest, BureauReport? previous) =>
        "the bureau report of " + Require.Day(latest.ReportDate) + " rates the customer " + latest.Rating + " with solvency " + latest.SolvencyScore
        + (previous is null ? string.Empty : " (was " + previous.Rating + " and " + previous.SolvencyScore + " on " + Require.Day(previous.ReportDate) + ")");
}
