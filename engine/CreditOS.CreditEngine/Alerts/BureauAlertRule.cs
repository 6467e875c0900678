namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// One admin-tunable bureau alert rule (a cos_bureaualertrule row): a criterion, the customer group it applies to
/// (null: every customer group without a rule of its own for that criterion), a threshold whose meaning the criterion
/// gives (<see cref="BureauAlertCriterion"/>) and the severity of the alert it raises.
/// </summary>
public sealed record BureauAlertRule(BureauAlertCriterion Criterion, string? CustomerGroup, decimal Threshold, AlertSeverity Severity)
{
    public bool AppliesToAllGroups => string.IsNullOrWhiteSpace(CustomerGroup);

    /// <summary>Identifies the rule within an account's alerts of one report (criterion, segment, threshold).</summary>
    public string Key => ((int)Criterion).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"
        + (AppliesToAllGroups ? "*" : CustomerGroup) + ":" + Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
