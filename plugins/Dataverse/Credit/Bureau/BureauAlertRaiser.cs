using System.Globalization;
using CreditOS.CreditEngine.Alerts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using AlertFields = CreditOS.Dataverse.Model.CreditAlert.Fields;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// Raises the credit alerts a new bureau report calls for under the administrators' bureau alert rules
/// (<see cref="BureauAlertEvaluator"/>, the one home of those rules), in the report's own transaction: one
/// cos_creditalert per rule that fires, of type Bureau deterioration, with the rule's threshold and severity, our
/// limit and the figures in the message. The report is compared with the one before it; a report older than the
/// latest one (arriving late) raises nothing, its news being stale. Once per occurrence: a level rule fires only on the
/// report that crosses it, and the alert's key (account, report, rule) refuses a second alert for the same report.
/// Budget: <see cref="Calls"/> + one create per alert.
/// </summary>
public static class BureauAlertRaiser
{
    public const int Calls = CreditConfigurationReader.BureauAlertRuleCalls;

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

        return alerts.Count;
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
