using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Alerts;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RuleTable = CreditOS.Dataverse.Model.BureauAlertRule;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// cos_bureaualertrule rows ⇄ the engine's <see cref="CreditOS.CreditEngine.Alerts.BureauAlertRule"/>: the criterion and
/// severity choices map by position, the segment is the customer group's name as the engine's segment holds it (empty:
/// all groups), the threshold is the row's. An environment that has never had a rule row gets the shipped rules
/// (<see cref="DefaultBureauAlertRules"/>); once rows exist, only the active ones apply, so deactivating every rule
/// really turns bureau alerts off.
/// </summary>
public static class BureauAlertRuleRecords
{
    /// <summary>One query: every rule row, active or not.</summary>
    public const int Calls = 1;

    private static readonly string[] Columns =
        [RuleTable.Fields.Criterion, RuleTable.Fields.CustomerGroup, RuleTable.Fields.Threshold, RuleTable.Fields.Severity, RuleTable.Fields.StateCode, RuleTable.Fields.Name];

    public static IReadOnlyList<CreditOS.CreditEngine.Alerts.BureauAlertRule> Read(IOrganizationService service)
    {
        var rows = service.RetrieveMultiple(new QueryExpression(RuleTable.EntityLogicalName) { ColumnSet = new ColumnSet(Columns) }).Entities;
        if (rows.Count == 0)
        {
            return DefaultBureauAlertRules.Create();
        }

        var rules = rows.Where(r => r.GetAttributeValue<OptionSetValue>(RuleTable.Fields.StateCode)?.Value is null or (int)BureauAlertRuleState.Active).Select(ToRule).ToList();
        try
        {
            BureauAlertRuleValidator.EnsureValid(rules);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The bureau alert rules are not valid: " + invalid.Message, invalid);
        }

        return rules;
    }

    public static CreditOS.CreditEngine.Alerts.BureauAlertRule ToRule(Entity row)
    {
        var criterion = row.GetAttributeValue<OptionSetValue>(RuleTable.Fields.Criterion)?.Value
            ?? throw new InvalidPluginExecutionException("The bureau alert rule '" + row.GetAttributeValue<string>(RuleTable.Fields.Name) + "' has no criterion.");
        var severity = row.GetAttributeValue<OptionSetValue>(RuleTable.Fields.Severity)?.Value ?? (int)AlertSeverityChoice.Warning;
        return new CreditOS.CreditEngine.Alerts.BureauAlertRule(
            (BureauAlertCriterion)(criterion - (int)BureauAlertRuleCriterion.RatingAtOrWorse + (int)BureauAlertCriterion.RatingAtOrWorse),
            GroupName(row.GetAttributeValue<OptionSetValue>(RuleTable.Fields.CustomerGroup)?.Value),
            row.GetAttributeValue<decimal?>(RuleTable.Fields.Threshold) ?? 0m,
            (AlertSeverity)(severity - (int)AlertSeverityChoice.Information + (int)AlertSeverity.Information));
    }

    public static Entity FromRule(CreditOS.CreditEngine.Alerts.BureauAlertRule rule, Guid id) => new(RuleTable.EntityLogicalName, id)
    {
        [RuleTable.Fields.Name] = Describe(rule),
        [RuleTable.Fields.Criterion] = new OptionSetValue(CriterionChoice(rule.Criterion)),
        [RuleTable.Fields.CustomerGroup] = rule.AppliesToAllGroups ? null : new OptionSetValue((int)Enum.Parse(typeof(CustomerGroup), rule.CustomerGroup!)),
        [RuleTable.Fields.Threshold] = rule.Threshold,
        [RuleTable.Fields.Severity] = new OptionSetValue(SeverityChoice(rule.Severity)),
    };

    /// <summary>The shipped rules as rows, for a new environment's configuration data (the demo and tests seed them).</summary>
    public static IEnumerable<Entity> SeedRows(AlertRules rules) => rules.Bureau.Select(rule => FromRule(rule, Guid.NewGuid()));

    public static int CriterionChoice(BureauAlertCriterion criterion) => (int)criterion - (int)BureauAlertCriterion.RatingAtOrWorse + (int)BureauAlertRuleCriterion.RatingAtOrWorse;

    public static int SeverityChoice(AlertSeverity severity) => (int)severity - (int)AlertSeverity.Information + (int)AlertSeverityChoice.Information;

    /// <summary>The engine's segment name of a customer group choice (as the rescoring gives it), or null.</summary>
    public static string? GroupName(int? choice) => choice is { } value ? Enum.GetName(typeof(CustomerGroup), value) : null;

    private static string Describe(CreditOS.CreditEngine.Alerts.BureauAlertRule rule)
    {
        var threshold = rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
        var what = rule.Criterion switch
        {
            BureauAlertCriterion.RatingAtOrWorse => "Rating " + (rule.Threshold is >= 1 and <= 5 ? ((CreditOS.CreditEngine.History.BureauRating)(int)rule.Threshold).ToString() : threshold) + " or worse",
            BureauAlertCriterion.RatingDowngrade => "Rating down " + threshold + " band(s) or more",
            BureauAlertCriterion.SolvencyBelow => "Solvency below " + threshold,
            BureauAlertCriterion.SolvencyDrop => "Solvency down " + threshold + " points or more",
            BureauAlertCriterion.RecommendedCreditBelowLimit => "Recommended credit below " + threshold + "% of our limit",
            BureauAlertCriterion.DaysBeyondTermsAbove => "Days-beyond-terms score above " + threshold,
            BureauAlertCriterion.NewJudgment => "New judgment",
            BureauAlertCriterion.NewPrivilege => "New privilege",
            _ => rule.Criterion.ToString(),
        };
        return what + " (" + (rule.AppliesToAllGroups ? "all customers" : rule.CustomerGroup) + ")";
    }
}
