using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// When the credit configuration stops scoring from running, money still moves: a payment posts and settles and a
/// receivable change is kept. The failure is raised loudly instead: the account is put on credit hold (the order check
/// then sends every order of the account to Finance, so nothing is approved on figures that could not be recomputed)
/// and a "Scoring failed" credit alert names the account, the event and the reason for the admins. The hold is marked
/// as the scoring failure's (<see cref="CreditHoldMarker"/>): the next successful rescoring lifts it and resolves the
/// alert, and never lifts a hold someone or something else set.
/// </summary>
public static class ScoringFailure
{
    private const string CrossingKind = "scoring-failed";
    private const int ActiveState = 0;
    private const int ActiveStatus = 1;
    private const int InactiveState = 1;
    private const int InactiveStatus = 2;

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
    public static bool IsConfigurationFailure(InvalidPluginExecutionException failure) => IsConfigurationFailure(failure.Message);

    /// <summary>Whether a refusal's message (a plug-in's, or the fault a Custom API call returned) is the credit configuration's.</summary>
    public static bool IsConfigurationFailure(string message) =>
        ConfigurationRefusals.Any(refusal => message.IndexOf(refusal, StringComparison.Ordinal) >= 0);

    /// <summary>Calls at most: the account's hold read, the hold written (only when the account was not held), the alert upserted, reopened (only when it existed).</summary>
    public const int HoldCalls = 4;

    /// <summary>Calls at most when a successful rescoring lifts the hold: the open scoring alerts read, one closed (usually one).</summary>
    public const int ResolveCalls = 2;

    /// <summary>
    /// Puts the account on credit hold, marked as a scoring failure's so the next successful rescoring lifts it, unless
    /// it is already held: then the hold stays whoever's it is (a hold Finance or a process set is never taken over).
    /// The alert is upserted by its crossing key and opened again if the day's alert existed (it may have been resolved).
    /// </summary>
    public static void HoldAndAlert(IOrganizationService service, ITracingService tracing, Guid accountId, string cause, string reason, DateTime now)
    {
        tracing.Trace("Scoring could not run for account {0} after {1}; its orders are held and an alert is raised: {2}", accountId, cause, reason);
        var held = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.CreditOnHold)).GetAttributeValue<bool>(Account.Fields.CreditOnHold);
        if (!held)
        {
            service.Update(new Entity(Account.EntityLogicalName, accountId)
            {
                [Account.Fields.CreditOnHold] = true,
                [Account.Fields.CreditHoldSource] = new OptionSetValue((int)CreditHoldSource.ScoringFailure),
            });
        }
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
        var upserted = (UpsertResponse)service.Execute(new UpsertRequest { Target = alert });
        if (!upserted.RecordCreated)
        {
            // The day's alert existed and may have been resolved by a rescoring since: it is open again (state cannot be set on create).
            service.Update(new Entity(CreditAlert.EntityLogicalName, upserted.Target.Id)
            {
                [CreditAlert.Fields.StateCode] = new OptionSetValue(ActiveState),
                [CreditAlert.Fields.StatusCode] = new OptionSetValue(ActiveStatus),
            });
        }
    }

    /// <summary>
    /// After a successful rescoring lifted the hold a scoring failure set: its open "Scoring failed" alerts are closed
    /// (inactive, resolved), so admins see what is still failing.
    /// </summary>
    public static void ResolveAlerts(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now)
    {
        var query = new QueryExpression(CreditAlert.EntityLogicalName) { ColumnSet = new ColumnSet(CreditAlert.Fields.CreditAlertId) };
        query.Criteria.AddCondition(CreditAlert.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(CreditAlert.Fields.AlertType, ConditionOperator.Equal, (int)CreditAlertType.ScoringFailed);
        query.Criteria.AddCondition(CreditAlert.Fields.StateCode, ConditionOperator.Equal, ActiveState);
        foreach (var alert in service.RetrieveMultiple(query).Entities)
        {
            service.Update(new Entity(CreditAlert.EntityLogicalName, alert.Id)
            {
                [CreditAlert.Fields.StateCode] = new OptionSetValue(InactiveState),
                [CreditAlert.Fields.StatusCode] = new OptionSetValue(InactiveStatus),
            });
        }

        tracing.Trace("Account {0} rescored successfully at {1:u}: the scoring failure's credit hold is lifted and its alerts are resolved.", accountId, now);
    }
}
