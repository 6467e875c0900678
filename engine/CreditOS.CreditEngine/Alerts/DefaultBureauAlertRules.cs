namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// The bureau alert rules creditOS ships, for every customer group: rating D or worse (warning) and E (critical), any
/// downgrade (information), solvency below 30 (warning) or down 10 points or more (information), recommended credit
/// below our limit (warning), days-beyond-terms score above 30 (warning), any new judgment or privilege (critical).
/// Administrators change, deactivate or add per-segment rows.
/// </summary>
public static class DefaultBureauAlertRules
{
    public static IReadOnlyList<BureauAlertRule> Create() =>
    [
        new(BureauAlertCriterion.RatingAtOrWorse, null, 4m, AlertSeverity.Warning),
        new(BureauAlertCriterion.RatingAtOrWorse, null, 5m, AlertSeverity.Critical),
        new(BureauAlertCriterion.RatingDowngrade, null, 1m, AlertSeverity.Information),
        new(BureauAlertCriterion.SolvencyBelow, null, 30m, AlertSeverity.Warning),
        new(BureauAlertCriterion.SolvencyDrop, null, 10m, AlertSeverity.Information),
        new(BureauAlertCriterion.RecommendedCreditBelowLimit, null, 100m, AlertSeverity.Warning),
        new(BureauAlertCriterion.DaysBeyondTermsAbove, null, 30m, AlertSeverity.Warning),
        new(BureauAlertCriterion.NewJudgment, null, 1m, AlertSeverity.Critical),
        new(BureauAlertCriterion.NewPrivilege, null, 1m, AlertSeverity.Critical),
    ];
}
