using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// The bound Custom API that rescores an account: on demand from the account form's Rescore command, and for every
/// account by the integration worker's scheduled batch, which says so in the optional Trigger parameter so that the
/// score history tells the two apart.
/// </summary>
public static class RescoreAccountApi
{
    public const string UniqueName = "cos_RescoreAccount";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>Optional cos_scoretrigger value (Picklist); on demand when absent.</summary>
        public const string Trigger = "Trigger";
    }

    /// <summary>
    /// The request an asynchronous step (a receivable change, an order's state) sends to rescore an account after its
    /// event. An asynchronous step runs outside any transaction, where the account's lock cannot be held across the
    /// rescoring's reads and its write; the Custom API's main operation runs in a transaction of its own, so the
    /// rescoring claims the lock there and waits for a payment in flight instead of overwriting it.
    /// </summary>
    public static OrganizationRequest AfterEvent(Guid accountId) => new(UniqueName)
    {
        ["Target"] = new EntityReference(Account.EntityLogicalName, accountId),
        [Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Event),
    };

    /// <summary>The trigger the caller named, on demand when it named none; an unknown value is refused.</summary>
    public static ScoreTrigger TriggerOf(OptionSetValue? requested)
    {
        if (requested is null)
        {
            return ScoreTrigger.OnDemand;
        }

        return Enum.IsDefined(typeof(ScoreTrigger), requested.Value)
            ? (ScoreTrigger)requested.Value
            : throw new InvalidPluginExecutionException(
                "Trigger " + requested.Value + " is not a score trigger; use " + (int)ScoreTrigger.Scheduled + " (scheduled), " + (int)ScoreTrigger.OnDemand + " (on demand) or " + (int)ScoreTrigger.Event + " (event).");
    }

    /// <summary>What the score-history row says caused the rescoring.</summary>
    public static string DetailOf(ScoreTrigger trigger) => trigger switch
    {
        ScoreTrigger.Scheduled => "scheduled batch rescore",
        ScoreTrigger.Event => "rescored after an external event",
        _ => "rescored on demand",
    };

    /// <summary>Response properties.</summary>
    public static class Response
    {
        public const string ValueScore = "ValueScore";
        public const string RiskScore = "RiskScore";
        public const string RiskLevel = "RiskLevel";
        public const string Tier = "Tier";
        public const string CreditLimit = "CreditLimit";
        public const string IsSuspended = "IsSuspended";
        public const string Reasons = "Reasons";
        public const string Changed = "Changed";
    }
}
