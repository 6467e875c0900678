using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Disputes;

/// <summary>
/// A collector marks an open invoice disputed with the customer's reason: <c>cos_isdisputed</c> is set (the flag
/// dunning leaves disputed invoices out by, and the Risk score's dispute factor counts through the history aggregates),
/// with the reason, who and when (<c>cos_disputereason</c>, <c>cos_disputedby</c>, <c>cos_disputedon</c>), written as
/// SYSTEM so nobody records a dispute in someone else's name (<see cref="DisputeRecordGuard"/>). The customer is then
/// rescored in the same transaction with every score move counting as news
/// (<see cref="ScoreMateriality.AfterACollectorsRecord"/>, session 23): one dispute moves the Risk score by about half a
/// point, below the default material change, so the asynchronous receivable step's rescoring alone left the account's
/// score and reasons as they were before the dispute (that step still runs and finds nothing new). Who may: the credit
/// managers and collectors, recognised as holders of the Finance approver role (by identity, directly or through a
/// team) or members of the Finance team, as <see cref="ApproverDirectory"/> knows them. A paid invoice, or one already
/// disputed, is refused with what it is. Budget: at most 3 calls for who the caller is, 1 read, 1 write, and the
/// rescoring's <see cref="AccountRescoring.MaximumCalls"/>.
/// </summary>
public static class InvoiceDispute
{
    /// <summary>cos_disputereason's MaxLength in the solution.</summary>
    public const int ReasonMaxLength = 1000;

    private static readonly ColumnSet Columns = new(
        Receivable.Fields.InvoiceNumber, Receivable.Fields.IsDisputed, Receivable.Fields.SettledOn, Receivable.Fields.OpenAmount,
        Receivable.Fields.DisputedOn, Receivable.Fields.DisputeReason, Receivable.Fields.AccountId);

    /// <summary>Calls at most besides the rescoring: who the caller is (3), the invoice read, its write.</summary>
    public const int CallsBesidesRescoring = 5;

    /// <param name="system">An organization service running as SYSTEM.</param>
    /// <param name="inTransaction">The Custom API's <c>IsInTransaction</c>: the rescoring claims the account's lock there.</param>
    /// <returns>The rescoring of the invoice's customer (null for an invoice without one).</returns>
    public static RescoreResult? Dispute(IOrganizationService system, ITracingService tracing, Guid callerId, EntityReference invoice, string? reason, DateTime now, bool inTransaction)
    {
        var text = reason?.Trim();
        if (text is null || text.Length == 0)
        {
            throw new InvalidPluginExecutionException("Marking an invoice disputed needs the customer's reason (what they dispute and why).");
        }

        if (text.Length > ReasonMaxLength)
        {
            throw new InvalidPluginExecutionException("The dispute reason has " + text.Length + " characters; keep it within " + ReasonMaxLength + ".");
        }

        if (!ApproverDirectory.IsFinanceApprover(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                "Only credit managers and collectors (the '" + ApprovalConfiguration.FinanceApproverRoleName + "' role or the Finance team) mark invoices disputed.");
        }

        var row = system.Retrieve(Receivable.EntityLogicalName, invoice.Id, Columns);
        var number = row.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? invoice.Id.ToString();
        if (row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) is { } settled)
        {
            throw new InvalidPluginExecutionException(
                "Invoice " + number + " was paid on " + settled.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "; only an open invoice is disputed.");
        }

        if (row.GetAttributeValue<bool>(Receivable.Fields.IsDisputed))
        {
            throw new InvalidPluginExecutionException(
                "Invoice " + number + " is already disputed" + (row.GetAttributeValue<string>(Receivable.Fields.DisputeReason) is { Length: > 0 } why ? " (" + why + ")" : string.Empty) + ".");
        }

        system.Update(new Entity(Receivable.EntityLogicalName, invoice.Id)
        {
            [Receivable.Fields.IsDisputed] = true,
            [Receivable.Fields.DisputeReason] = text,
            [Receivable.Fields.DisputedBy] = new EntityReference(SystemUser.EntityLogicalName, callerId),
            [Receivable.Fields.DisputedOn] = now,
        });

        return row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId) is { } account
            ? AccountRescoring.Rescore(system, tracing, account.Id, ScoreTrigger.Event, "invoice " + number + " disputed", now, inTransaction, ScoreMateriality.AfterACollectorsRecord)
            : null;
    }
}
