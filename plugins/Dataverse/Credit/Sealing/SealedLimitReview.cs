using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// A limit review the nightly scoring call raises for an account it hands back sealed (session 30, issue 15). Until session 29 such an
/// account was written by the page itself (its write, its history row, the request and its queue item: 3–4 calls an account), because
/// the review had no sealed form. Now the request row the page would have opened (<see cref="Rescoring.PageLimitReviews.Request"/>:
/// name, type, account, limit, exposure, requested limit, reason, requested on, due by, currency, the route's queue) travels inside the
/// account's sealed picture as one column (<see cref="Column"/>), so it is covered by the picture's seal: it cannot be altered, forged,
/// replayed on another account, or taken off a picture and sent alone. The worker writes nothing new: it sends the picture as before.
/// The sealed-picture guard records the review at stage 20 (<see cref="Hold"/>) and, at stage 40, once the picture has passed the check
/// under the row lock, opens it as SYSTEM, the credit flow (<see cref="RaiseHeld"/>: <see cref="ApprovalRequestStore.Open(IOrganizationService, Entity)"/>,
/// the request and its queue item, 2 calls), in the account write's transaction: the account takes its picture and Finance gets the
/// review together or not at all, as in the page. No role gains a privilege: the request is still created by the credit flow only
/// (<see cref="ApprovalRequestGuard"/>), in the route's queue, pending.
/// </summary>
public static class SealedLimitReview
{
    /// <summary>Inside an account's sealed picture only: the limit review's request row, encoded (never a column of the account).</summary>
    public const string Column = "#review";

    /// <summary>The request row as text for the picture.</summary>
    internal static string Write(Entity request) => PictureCodec.Write(request.Attributes);

    /// <summary>The shared variable that carries an account's review from stage 20 to stage 40 of its Update.</summary>
    public static string SharedVariableOf(Guid accountId) => "cos_sealedreview_" + accountId.ToString("N");

    /// <summary>Stage 20: takes the review out of the opened columns (it is no column of the account) and keeps it for stage 40.</summary>
    public static void Hold(Guid accountId, IReadOnlyList<KeyValuePair<string, object?>> opened, ParameterCollection shared)
    {
        foreach (var column in opened.Where(c => c.Key == Column))
        {
            shared[SharedVariableOf(accountId)] = column.Value as string
                ?? throw new InvalidPluginExecutionException("The limit review sealed with account " + accountId + "'s picture is not a request row. Nothing was written.");
        }
    }

    /// <summary>
    /// Stage 40, after the check under the row lock: opens the review the account's picture carried, as the credit flow (2 calls), or
    /// does nothing when it carried none.
    /// </summary>
    public static void RaiseHeld(Guid accountId, ParameterCollection shared, IOrganizationService systemService, ITracingService tracing)
    {
        if (!shared.TryGetValue(SharedVariableOf(accountId), out var held) || held is not string text)
        {
            return;
        }

        var request = new Entity(CreditApprovalRequest.EntityLogicalName);
        foreach (var column in PictureCodec.Read(text))
        {
            request[column.Key] = column.Value;
        }

        if (request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.AccountId)?.Id != accountId)
        {
            throw new InvalidPluginExecutionException("The limit review sealed with account " + accountId + "'s picture names another account. Nothing was written.");
        }

        var opened = ApprovalRequestStore.Open(systemService, request);
        tracing.Trace("Limit review for account {0}: {1} (sent to Finance with the account's sealed picture, request {2}).", accountId, request.GetAttributeValue<string>(CreditApprovalRequest.Fields.DecisionReason), opened.Id);
    }
}
