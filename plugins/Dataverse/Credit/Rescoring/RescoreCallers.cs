using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Who may call the rescoring Custom APIs, so that calling one gains nobody more than the account form gives (controls
/// round 8; the workflow steps' APIs hold the same line in <c>WorkflowStepCallers</c>). The rescoring runs as SYSTEM:
/// before, Sam (Read on accounts of his business unit) rescored a customer of another unit he cannot open and was told
/// its Value and Risk scores, level, tier, limit and reasons, and the integration worker, whose field security reads only
/// the limit, exposure and starter terms, was told the scores round 7 secured from it. Now:
/// <list type="bullet">
/// <item><c>cos_RescoreAccount</c> answers with what the caller may read: after the rescoring the account is read as the
/// caller (<see cref="ReadAsCaller"/>, one call), a customer they cannot read faults with Dataverse's own access fault
/// (and the rescoring rolls back with the call), and each response figure whose column their field security withholds
/// is left out (<see cref="Readable"/>).</item>
/// <item><c>cos_RescoreAccountPage</c> is the nightly batch's: it rescores up to 1,000 customers whatever the caller may read
/// and runs their nightly collections work, so only SYSTEM or the integration worker (the creditOS Integration role, by
/// id) calls it (<see cref="EnsureMayRescorePage"/>: 1 call for SYSTEM, 2 for the worker).</item>
/// <item>Controls round 9: <c>cos_RescoreAccount</c>'s Trigger is the caller's claim of why the account is rescored, and
/// Trigger = scheduled also runs the account's nightly collections work (collector by the rules, promises whose date
/// passed broken, worklist figures, the monitor's action items, the day's dunning letters). A person asks on demand only
/// (no Trigger, or On demand); scheduled and event are the system's: the credit flow (SYSTEM: the asynchronous receivable
/// and order steps ask for event) or the integration worker's nightly batch (the creditOS Integration role)
/// (<see cref="EnsureMayAskFor"/>: no call on demand, at most <see cref="TriggerCalls"/> otherwise). Before, Sam ran a
/// customer's dunning and broke its promises hours early, and recorded his rescoring as the nightly batch's.</item>
/// </list>
/// </summary>
public static class RescoreCallers
{
    /// <summary>What <see cref="ReadAsCaller"/> costs.</summary>
    public const int ReadCalls = 1;

    /// <summary>What <see cref="EnsureMayRescorePage"/> costs at most (who SYSTEM is, whether the caller holds the Integration role).</summary>
    public const int PageCalls = 2;

    /// <summary>What <see cref="EnsureMayAskFor"/> costs at most for a scheduled or event trigger (who SYSTEM is, whether the caller holds the Integration role); none on demand.</summary>
    public const int TriggerCalls = 2;

    /// <summary>The account's columns behind <c>cos_RescoreAccount</c>'s secured response figures.</summary>
    public static readonly string[] ResponseColumns =
    [
        Account.Fields.ValueScore, Account.Fields.RiskScore, Account.Fields.RiskLevel, Account.Fields.CreditTierId,
        Account.Fields.CreditLimit, Account.Fields.IsSuspended, Account.Fields.TopReasons,
    ];

    /// <summary>The account as the caller sees it after the rescoring; Dataverse's access fault when they cannot read it.</summary>
    public static Entity ReadAsCaller(IOrganizationService caller, Guid accountId) =>
        caller.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(ResponseColumns));

    /// <summary>Whether the caller's read returned the column: field security leaves out what a profile does not read.</summary>
    public static bool Readable(Entity asCaller, string column) =>
        asCaller.Attributes.TryGetValue(column, out var value) && value is not null;

    public static void EnsureMayRescorePage(IExecutionContext context, IOrganizationService systemService, int accounts)
    {
        if (CreditFlowIdentity.IsCreditFlow(context, systemService) || IntegrationIdentity.IsIntegration(systemService, context.UserId))
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            "cos_RescoreAccountPage rescores a page of customers (" + accounts.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " account id(s) here) whatever the caller may read, and runs their nightly collections work; only the integration worker's nightly batch "
            + "(the creditOS Integration role) calls it. Rescore a customer you can open with its Rescore command (cos_RescoreAccount).");
    }

    /// <summary>
    /// Whether the caller may ask <c>cos_RescoreAccount</c> for this trigger: on demand anyone who can read the account
    /// (checked after the rescoring by <see cref="ReadAsCaller"/>); scheduled and event only the credit flow or the
    /// integration worker. Refused before anything is read or written.
    /// </summary>
    public static void EnsureMayAskFor(ScoreTrigger trigger, IExecutionContext context, IOrganizationService systemService, Guid accountId)
    {
        if (trigger == ScoreTrigger.OnDemand
            || CreditFlowIdentity.IsCreditFlow(context, systemService)
            || IntegrationIdentity.IsIntegration(systemService, context.UserId))
        {
            return;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var what = trigger == ScoreTrigger.Scheduled
            ? "Trigger " + ((int)ScoreTrigger.Scheduled).ToString(invariant) + " (scheduled) is the nightly batch's: it also runs the account's collections work for the day (collector by the rules, promises whose date passed broken, worklist figures, action items, dunning letters) and records the rescoring as scheduled"
            : "Trigger " + ((int)ScoreTrigger.Event).ToString(invariant) + " (event) is the credit flow's after an invoice or an order changes, and records the rescoring as caused by that event";
        throw new InvalidPluginExecutionException(
            "cos_RescoreAccount for account " + accountId.ToString("D") + ": " + what + "; only the credit flow or the integration worker (the creditOS Integration role) asks for it. "
            + "Rescore the customer on demand: no Trigger, or Trigger " + ((int)ScoreTrigger.OnDemand).ToString(invariant) + " (on demand), as the account form's Rescore command does.");
    }
}
