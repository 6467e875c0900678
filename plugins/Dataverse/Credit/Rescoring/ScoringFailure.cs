using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// When the credit configuration stops scoring from running, money still moves: a payment posts and settles and a
/// receivable change is kept. The failure is raised loudly instead: the account is put on credit hold (the order check
/// then sends every order of the account to Finance, so nothing is approved on figures that could not be recomputed)
/// and a "Scoring failed" credit alert names the account, the event and the reason for the admins.
/// </summary>
public static class ScoringFailure
{
    private const string CrossingKind = "scoring-failed";

    /// <summary>cos_creditalert.cos_message's MaxLength in the solution.</summary>
    private const int MessageMaxLength = 2000;

    // The configuration reader's two refusals (an invalid configuration, or none at all) and the approval routing's
    // (a limit review the rescoring must raise has no route to Finance): credit configuration, never a reason to refuse money.
    private static readonly string[] ConfigurationRefusals =
    [
        "The credit configuration is not valid",
        "No credit tiers or policies are configured",
        "No active approval route is configured",
    ];

    /// <summary>Whether rescoring failed because of the credit configuration (not the account's data or the platform).</summary>
    public static bool IsConfigurationFailure(InvalidPluginExecutionException failure) =>
        ConfigurationRefusals.Any(refusal => failure.Message.IndexOf(refusal, StringComparison.Ordinal) >= 0);

    /// <summary>Two calls: the account's credit hold, the alert (upserted by its crossing key).</summary>
    public static void HoldAndAlert(IOrganizationService service, ITracingService tracing, Guid accountId, string cause, string reason, DateTime now)
    {
        tracing.Trace("Scoring could not run for account {0} after {1}; its orders are held and an alert is raised: {2}", accountId, cause, reason);
        service.Update(new Entity(Account.EntityLogicalName, accountId) { [Account.Fields.CreditOnHold] = true });
        var message = "Scoring could not run after " + cause + ", so the account's figures were not recomputed and its orders are held for Finance. "
            + "Fix the credit configuration, then rescore the account. Reason: " + reason;
        // One alert per account and day (the alert table's alternate key is the crossing key): a second failure the same
        // day updates it with the latest reason instead of colliding with it.
        var crossingKey = accountId.ToString("N") + ":" + CrossingKind + ":" + now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var alert = new Entity(CreditAlert.EntityLogicalName, CreditAlert.Fields.CrossingKey, crossingKey)
        {
            [CreditAlert.Fields.Name] = "Scoring failed: " + cause,
            [CreditAlert.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accountId),
            [CreditAlert.Fields.AlertType] = new OptionSetValue((int)CreditAlertType.ScoringFailed),
            [CreditAlert.Fields.RaisedOn] = now,
            [CreditAlert.Fields.Message] = message.Length <= MessageMaxLength ? message : message.Substring(0, MessageMaxLength - 1) + "…",
        };
        service.Execute(new UpsertRequest { Target = alert });
    }
}
