using System.Globalization;
using CreditOS.CreditEngine.Alerts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using AlertFields = CreditOS.Dataverse.Model.CreditAlert.Fields;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// Raises the credit alerts a new bureau report calls for under the administrators' bureau alert rules
/// (<see cref="BureauAlertEvaluator"/>, the one home of those rules), in the report's own transaction: one
/// cos_creditalert per rule that fires, of type Bureau deterioration, with the rule's threshold and severity, our
/// limit and the figures in the message. The report is compared with the one before it; a report older than the
/// latest one (arriving late) raises nothing, its news being stale. Once per occurrence: a level rule fires only on the
/// report that crosses it, and the alert's key (account, report, rule) refuses a second alert for the same report.
/// A level rule's alert ends when a later report crosses back (<see cref="BureauAlertRecoveries"/>): the open alert of
/// that rule is closed with the recovering figure in its closing note (<c>cos_closingnote</c>), once, by the report
/// that crosses back; a report that stays on the good side changes nothing.
/// Budget: <see cref="Calls"/> + one create per alert; a report that crosses back adds one query for the open alerts
/// (<see cref="RecoveryReads"/>) and one update per alert closed.
/// </summary>
public static class BureauAlertRaiser
{
    public const int Calls = CreditConfigurationReader.BureauAlertRuleCalls;

    /// <summary>The open bureau alerts read, only when the report crosses back over a level rule's threshold.</summary>
    public const int RecoveryReads = 1;

    private const int InactiveState = 1;
    private const int InactiveStatus = 2;

    public static int Raise(IOrganizationService service, EntityReference account, Entity report, Guid reportId, OurFigures ours, RescoreResult rescored, DateTime now)
    {
        var current = BureauReportMapping.ToEngine(report);
        if (rescored.LatestBureauReport is not { } latest || latest != current)
        {
            return 0;
        }

        var rules = CreditConfigurationReader.ReadBureauAlertRules(service);
        var group = rescored.Segment?.CustomerGroup;
        var subject = new BureauAlertSubject(string.IsNullOrEmpty(group) ? null : group, ours.Limit, rescored.Currency);
        var alerts = BureauAlertEvaluator.Evaluate(rescored.PreviousBureauReport, current, subject, rules.Bureau);
        foreach (var alert in alerts)
        {
            service.Create(new Entity(Model.CreditAlert.EntityLogicalName)
            {
                [AlertFields.Name] = Truncate((ours.Name ?? "Account") + ": " + Label(alert.Rule)),
                [AlertFields.AccountId] = account,
                [AlertFields.AlertType] = new OptionSetValue((int)Model.CreditAlertType.BureauDeterioration),
                [AlertFields.Threshold] = alert.Rule.Threshold,
                [AlertFields.Severity] = new OptionSetValue(BureauAlertRuleRecords.SeverityChoice(alert.Rule.Severity)),
                [AlertFields.CreditLimit] = new Money(ours.Limit),
                [AlertFields.RaisedOn] = now,
                [AlertFields.Message] = alert.Message,
                [AlertFields.CrossingKey] = string.Format(CultureInfo.InvariantCulture, "{0:N}:bureau:{1:N}:{2}", account.Id, reportId, alert.Rule.Key),
            });
        }

        var recoveries = BureauAlertRecoveries.Evaluate(rescored.PreviousBureauReport, current, subject, rules.Bureau);
        if (recoveries.Count > 0)
        {
            CloseRecovered(service, account, recoveries);
        }

        return alerts.Count;
    }

    private static void CloseRecovered(IOrganizationService service, EntityReference account, IReadOnlyList<BureauAlertRecovery> recoveries)
    {
        var query = new QueryExpression(Model.CreditAlert.EntityLogicalName) { ColumnSet = new ColumnSet(AlertFields.CrossingKey) };
        query.Criteria.AddCondition(AlertFields.AccountId, ConditionOperator.Equal, account.Id);
        query.Criteria.AddCondition(AlertFields.AlertType, ConditionOperator.Equal, (int)Model.CreditAlertType.BureauDeterioration);
        query.Criteria.AddCondition(AlertFields.StateCode, ConditionOperator.Equal, 0);
        var open = service.RetrieveMultiple(query).Entities;
        foreach (var recovery in recoveries)
        {
            // The crossing key ends with the rule's key (account:bureau:report:rule), so the alert is the rule's own.
            var suffix = ":" + recovery.Rule.Key;
            foreach (var alert in open.Where(a => a.GetAttributeValue<string>(AlertFields.CrossingKey)?.EndsWith(suffix, StringComparison.Ordinal) == true))
            {
                service.Update(new Entity(Model.CreditAlert.EntityLogicalName, alert.Id)
                {
                    [AlertFields.StateCode] = new OptionSetValue(InactiveState),
                    [AlertFields.StatusCode] = new OptionSetValue(InactiveStatus),
                    [AlertFields.ClosingNote] = recovery.Note,
                });
            }
        }
    }

    private static string Label(CreditOS.CreditEngine.Alerts.BureauAlertRule rule) => rule.Criterion switch
    {
        BureauAlertCriterion.RatingAtOrWorse => "bureau rating at or below the alert rating",
        BureauAlertCriterion.RatingDowngrade => "bureau rating downgraded",
        BureauAlertCriterion.SolvencyBelow => "bureau solvency below " + rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture),
        BureauAlertCriterion.SolvencyDrop => "bureau solvency dropped",
        BureauAlertCriterion.RecommendedCreditBelowLimit => "recommended credit below our limit",
        BureauAlertCriterion.DaysBeyondTermsAbove => "days beyond terms above " + rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture),
        BureauAlertCriterion.NewJudgment => "new judgment at the bureau",
        BureauAlertCriterion.NewPrivilege => "new privilege at the bureau",
        _ => "bureau alert",
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text.Substring(0, 200);
}
