using CreditOS.CreditEngine.Collections.Monitoring;
using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.BureauChange.Fields;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// Records each bureau event a report answers as a cos_bureauchange row (the account's per-criterion change history),
/// in the report's own transaction. The alternate key (bureau, event id) makes an event recorded twice fail as a
/// duplicate key, which rolls the whole report back: a duplicate event writes nothing. One create per event. The
/// deteriorations recorded are handed back (with their row ids, the occurrence the condition monitor keys on), so the
/// report's own transaction can raise the bureau deterioration action items.
/// </summary>
public static class BureauChangeRecorder
{
    public static int Record(IOrganizationService service, Entity report, Guid reportId, EntityReference account) =>
        Record(service, report, reportId, account, out _);

    public static int Record(IOrganizationService service, Entity report, Guid reportId, EntityReference account, out IReadOnlyList<BureauDeteriorationFact> deteriorations)
    {
        var events = BureauEventLines.Parse(report.GetAttributeValue<string>(BureauReport.Fields.Events));
        var found = new List<BureauDeteriorationFact>();
        deteriorations = found;
        if (events.Count == 0)
        {
            return 0;
        }

        var bureau = report.GetAttributeValue<string>(BureauReport.Fields.Bureau);
        if (string.IsNullOrWhiteSpace(bureau))
        {
            throw new InvalidPluginExecutionException("The bureau report carries bureau events but names no bureau; set cos_bureau so each event can be recorded once.");
        }

        foreach (var change in events)
        {
            var id = service.Create(new Entity(BureauChange.EntityLogicalName)
            {
                [Fields.Name] = Describe(change),
                [Fields.AccountId] = account,
                [Fields.BureauReportId] = new EntityReference(BureauReport.EntityLogicalName, reportId),
                [Fields.Bureau] = bureau,
                [Fields.EventId] = change.EventId,
                [Fields.Criterion] = new OptionSetValue((int)change.Criterion),
                [Fields.RuleCode] = change.RuleCode,
                [Fields.PreviousValue] = change.PreviousValue,
                [Fields.NewValue] = change.NewValue,
                [Fields.ChangedOn] = change.ChangedOn,
                [Fields.IsDeterioration] = IsDeterioration(change),
            });
            if (IsDeterioration(change))
            {
                found.Add(new BureauDeteriorationFact(id, ConditionMonitorRun.CriterionText((int)change.Criterion), change.PreviousValue, change.NewValue, change.ChangedOn));
            }
        }

        return events.Count;
    }

    /// <summary>
    /// For the worse: a rating further from A, a lower solvency score or recommended credit, more days beyond terms,
    /// judgments or privileges. Values that do not compare (a missing side, text where a number is due) are not.
    /// </summary>
    public static bool IsDeterioration(BureauEventLine change)
    {
        if (change.PreviousValue is null || change.NewValue is null)
        {
            return change.NewValue is not null && change.Criterion is BureauChangeCriterion.Judgment or BureauChangeCriterion.Privilege;
        }

        if (change.Criterion == BureauChangeCriterion.InternationalRating)
        {
            return string.CompareOrdinal(change.NewValue.Trim().ToUpperInvariant(), change.PreviousValue.Trim().ToUpperInvariant()) > 0;
        }

        if (!decimal.TryParse(change.PreviousValue, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var before)
            || !decimal.TryParse(change.NewValue, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var after))
        {
            return false;
        }

        return change.Criterion switch
        {
            BureauChangeCriterion.SolvencyScore or BureauChangeCriterion.RecommendedCredit => after < before,
            BureauChangeCriterion.DaysBeyondTerms or BureauChangeCriterion.Judgment or BureauChangeCriterion.Privilege => after > before,
            _ => false,
        };
    }

    private static string Describe(BureauEventLine change) =>
        Label(change.Criterion) + ": " + (change.PreviousValue ?? "–") + " → " + (change.NewValue ?? "–");

    private static string Label(BureauChangeCriterion criterion) => criterion switch
    {
        BureauChangeCriterion.InternationalRating => "International rating",
        BureauChangeCriterion.SolvencyScore => "Solvency score",
        BureauChangeCriterion.RecommendedCredit => "Recommended credit",
        BureauChangeCriterion.DaysBeyondTerms => "Days beyond terms",
        BureauChangeCriterion.Judgment => "Judgments",
        BureauChangeCriterion.Privilege => "Privileges",
        _ => "Other",
    };
}
