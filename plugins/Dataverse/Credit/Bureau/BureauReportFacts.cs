using System.Globalization;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// A bureau report is a fact of its date: its step recorded its events as bureau changes, rescored the customer and may
/// have suspended it on the report's figures, and later rescorings read the two latest reports again. Rewriting a
/// report afterwards (an upsert by its key, bureau and report id, redelivered with other content) would change what
/// the next rescoring reads, a judgment gone or a better rating, with no bureau change, no alert and no rescoring of
/// its own. So what the bureau reported never changes once recorded, by anyone; a bureau's correction is a new report
/// with its own id. The same values saved again pass, so a redelivered upsert stays idempotent. The credit flow's own
/// columns on the report (our limit and receivables beside it) are not facts and stay writable. No calls.
/// </summary>
public static class BureauReportFacts
{
    /// <summary>
    /// What the bureau reported; the Update step's filtering attributes. The name is the company's registered name at the bureau,
    /// which the applicant comparison reads (<c>BureauIdentity</c>) and Finance's flag quotes (controls round 19: the worker could
    /// rename a filed report after the assessment compared it, so the report no longer said what Finance was told).
    /// </summary>
    public const string FactColumns =
        BureauReport.Fields.AccountId + "," + BureauReport.Fields.Bureau + "," + BureauReport.Fields.ExternalId + "," + BureauReport.Fields.SolvencyScore + ","
        + BureauReport.Fields.Rating + "," + BureauReport.Fields.RecommendedCredit + "," + BureauReport.Fields.DbtScore + "," + BureauReport.Fields.HasJudgment + ","
        + BureauReport.Fields.HasLien + "," + BureauReport.Fields.ReportDate + "," + BureauReport.Fields.Events + "," + BureauReport.Fields.JudgmentCount + ","
        + BureauReport.Fields.PrivilegeCount + "," + BureauReport.Fields.Name;

    /// <summary>The pre-image: the facts as recorded (the report's name among them).</summary>
    public const string ImageColumns = FactColumns;

    public static void Guard(Entity target, RegisteredImage recorded)
    {
        var changes = FactColumns.Split(',')
            .Where(column => target.Contains(column) && !Same(recorded.Get<object>(column), target[column]))
            .Select(column => $"{column} {Show(recorded.Get<object>(column))} → {Show(target[column])}")
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var report = $"{recorded.Get<string>(BureauReport.Fields.Bureau)} report {recorded.Get<string>(BureauReport.Fields.ExternalId) ?? target.Id.ToString()}";
        var dated = recorded.Get<DateTime?>(BureauReport.Fields.ReportDate) is { } date ? " of " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        throw new InvalidPluginExecutionException(
            $"The {report}{dated} is recorded as the bureau reported it and cannot change ({string.Join("; ", changes)}): "
            + "the customer was scored on it. A correction from the bureau comes as a new report with its own id.");
    }

    /// <summary>
    /// A new report is not dated after the day it is recorded plus the bureau clock skew (engine
    /// <see cref="CreditOS.CreditEngine.History.BureauReportDates"/>, the one home of the bound); its date never changes
    /// afterwards (<see cref="Guard"/>). No calls.
    /// </summary>
    public static void GuardDate(Entity target, DateTime recordedOn)
    {
        if (CreditOS.CreditEngine.History.BureauReportDates.Refusal(target.GetAttributeValue<DateTime?>(BureauReport.Fields.ReportDate), recordedOn) is { } refusal)
        {
            var report = target.GetAttributeValue<string>(BureauReport.Fields.ExternalId) is { Length: > 0 } id
                ? $"{target.GetAttributeValue<string>(BureauReport.Fields.Bureau)} report {id}: "
                : string.Empty;
            throw new InvalidPluginExecutionException(report + refusal);
        }
    }

    private static bool Same(object? recorded, object? now) => Equals(Plain(recorded), Plain(now));

    private static object? Plain(object? value) => value switch
    {
        Money money => money.Value,
        OptionSetValue option => option.Value,
        EntityReference reference => reference.Id,
        // A date-only column comes back from Dataverse with Kind Unspecified: read as the date it is (UTC), never as the
        // machine's local time, so the comparison does not depend on the host's time zone.
        DateTime moment => moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : DateTime.SpecifyKind(moment, DateTimeKind.Utc),
        string text when text.Length == 0 => null,
        _ => value,
    };

    private static string Show(object? value) => Plain(value) switch
    {
        null => "(none)",
        decimal number => number.ToString("#,##0.##", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "(none)",
    };
}
