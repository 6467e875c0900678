using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// Compares an account's credit state before and after a change and raises an alert for each utilization threshold
/// crossed upward, overdue crossing the policy's alert amount, a tier downgrade, and the bureau alerts a newer report
/// raises under the configured rules (<see cref="BureauAlertEvaluator"/>).
/// </summary>
public static class AlertEvaluator
{
    public static IReadOnlyList<CreditAlert> Evaluate(AccountCreditState previous, AccountCreditState current, CreditPolicy policy, AlertRules rules)
    {
        Require.NotNull(previous, "The previous credit state");
        Require.NotNull(current, "The current credit state");
        Require.NotNull(policy, "The credit policy");
        Require.NotNull(rules, "The alert rules");
        var alerts = new List<CreditAlert>();
        foreach (var threshold in new[] { policy.WarningUtilization, policy.CriticalUtilization })
        {
            if (previous.Utilization < threshold && current.Utilization >= threshold)
            {
                alerts.Add(new CreditAlert(
                    CreditAlertType.UtilizationThresholdCrossed,
                    "Utilization rose past " + MoneyText.Percent(threshold) + ": exposure " + MoneyText.Format(current.Currency, current.Exposure)
                    + " of a " + MoneyText.Format(current.Currency, current.Limit) + " limit."));
            }
        }

        if (policy.OverdueAlertAmount > 0 && previous.Overdue <= policy.OverdueAlertAmount && current.Overdue > policy.OverdueAlertAmount)
        {
            alerts.Add(new CreditAlert(
                CreditAlertType.OverdueAboveThreshold,
                "Overdue balance " + MoneyText.Format(current.Currency, current.Overdue) + " is above the alert level of " + MoneyText.Format(current.Currency, policy.OverdueAlertAmount) + "."));
        }

        if (previous.Tier is { } before && current.Tier is { } after && after.Rank > before.Rank)
        {
            alerts.Add(new CreditAlert(CreditAlertType.TierDowngrade, "Credit tier went down from " + before.Name + " to " + after.Name + "."));
        }

        if (current.LatestBureauReport is { } report && (previous.LatestBureauReport is null || report.ReportDate > previous.LatestBureauReport.ReportDate))
        {
            // The one home of the bureau rules: per criterion and segment, as administrators configure them.
            var subject = new BureauAlertSubject(current.CustomerGroup, previous.Limit, current.Currency);
            alerts.AddRange(BureauAlertEvaluator.Evaluate(previous.LatestBureauReport, report, subject, rules.Bureau)
                .Select(bureau => new CreditAlert(CreditAlertType.BureauDeterioration, bureau.Message)));
        }

        return alerts;
    }
}
