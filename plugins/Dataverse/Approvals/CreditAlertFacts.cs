using System.Globalization;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using AlertFields = CreditOS.Dataverse.Model.CreditAlert.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Controls round 24 (session 31), its left item: what a credit alert records is the credit flow's. <see cref="ThresholdAlertEvaluator"/>
/// keeps one active alert per account, type and threshold and raises nothing while it finds one; the scoring-failure and
/// bureau raisers find their alerts by account, type and crossing key. Finance Approvers write alerts (Global Write, to
/// acknowledge and close them), so without this guard an approver could rewrite the warning alert's threshold to the
/// critical one (or its type, account or key) and the critical crossing would never be raised; an administrator could
/// enter such an alert, or open a closed one again. The approver's work stays theirs: acknowledging
/// (<c>cos_isacknowledged</c>), the closing note and closing the alert (state Inactive).
/// No call but, once per organization, who SYSTEM is, and only when a save would change a fact or open an alert again.
/// </summary>
public static class CreditAlertFacts
{
    /// <summary>Comma-separated, for the Update step's filtering attributes (with the state, for an alert opened again).</summary>
    public const string FilteringColumns = Columns + "," + AlertFields.StateCode;

    /// <summary>The Update step's pre-image: the facts, the state and the name for the message.</summary>
    public const string PreImageColumns = AlertFields.Name + "," + FilteringColumns;

    /// <summary>
    /// What the raisers write and read: the account, type, threshold and crossing key they find an alert by, and the
    /// figures, time, severity and message of the crossing it records.
    /// </summary>
    private const string Columns =
        AlertFields.AccountId + "," + AlertFields.AlertType + "," + AlertFields.Threshold + "," + AlertFields.CrossingKey + ","
        + AlertFields.Utilization + "," + AlertFields.Exposure + "," + AlertFields.CreditLimit + "," + AlertFields.OverdueAmount + ","
        + AlertFields.RaisedOn + "," + AlertFields.Severity + "," + AlertFields.Message;

    private const int ActiveState = 0;

    private static readonly IReadOnlyList<string> Facts = Columns.Split(',');

    /// <param name="isCreditFlow">SYSTEM (one call, once per organization); asked only when a fact would change or the alert open again.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, Facts);
        var reopened = before is not null
            && target.GetAttributeValue<OptionSetValue>(AlertFields.StateCode)?.Value == ActiveState
            && before.GetAttributeValue<OptionSetValue>(AlertFields.StateCode) is { Value: not ActiveState };
        if ((changed.Count == 0 && !reopened) || isCreditFlow())
        {
            return;
        }

        var alert = before is null
            ? "A credit alert"
            : "The credit alert '" + (before.GetAttributeValue<string>(AlertFields.Name) ?? before.Id.ToString()) + "'";
        var what = changed.Count > 0
            ? $"{string.Join(", ", changed)} {(changed.Count == 1 ? "is" : "are")} the credit flow's record of the crossing it raised"
            : "a closed alert is opened again by the credit flow only, when the crossing it recorded happens again";
        throw new InvalidPluginExecutionException(
            $"{alert} cannot be saved: {what}{Recorded(before ?? target)}, written by the credit flow only, whatever your roles: "
            + "alerts are raised once per account, type and threshold, so an alert that says otherwise keeps the real one from being raised. "
            + "Acknowledge the alert, write a closing note or close it; the credit flow raises and closes alerts as the figures move.");
    }

    private static string Recorded(Entity alert)
    {
        var type = alert.GetAttributeValue<OptionSetValue>(AlertFields.AlertType)?.Value;
        var threshold = alert.GetAttributeValue<decimal?>(AlertFields.Threshold);
        if (type is null && threshold is null)
        {
            return string.Empty;
        }

        var kind = type is { } value && Enum.IsDefined(typeof(CreditAlertType), value) ? ((CreditAlertType)value).ToString() : type?.ToString() ?? "no type";
        return threshold is { } level ? $" ({kind}, threshold {level.ToString("0.##", CultureInfo.InvariantCulture)})" : $" ({kind})";
    }
}
