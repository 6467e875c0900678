using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Disputes;

/// <summary>
/// Who disputed an invoice, when and why is recorded only by <see cref="InvoiceDispute"/> (as SYSTEM): any other
/// writer of those columns is refused, whatever their roles, so a dispute is never recorded in someone else's name or
/// rewritten afterwards. The ERP may still set or clear <c>cos_isdisputed</c> itself. One call (who SYSTEM is, at most once per organization: CreditFlowIdentity) only
/// when one of the columns is written.
/// </summary>
public static class DisputeRecordGuard
{
    public const string RecordColumns = Receivable.Fields.DisputeReason + "," + Receivable.Fields.DisputedBy + "," + Receivable.Fields.DisputedOn;

    private static readonly string[] Columns = [Receivable.Fields.DisputeReason, Receivable.Fields.DisputedBy, Receivable.Fields.DisputedOn];

    public static void Guard(IExecutionContext context, IOrganizationService systemService, Entity target)
    {
        var written = CreditFlowIdentity.WrittenByOthers(context, systemService, target, Columns);
        if (written.Count == 0)
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            "A dispute's reason, who and when (" + string.Join(", ", written) + ") are recorded by the Dispute invoice action (" + DisputeInvoiceApi.UniqueName
            + "), not written directly.");
    }
}
