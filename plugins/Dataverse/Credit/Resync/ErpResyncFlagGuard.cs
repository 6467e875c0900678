using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Resync;

/// <summary>
/// An invoice's ERP re-sync flag (<see cref="Receivable.Fields.ErpResyncReason"/>) is set only by the receivable amendment
/// (inside the worker's write, where it strips an out-of-order message: ReceivableSourceMessages) and cleared only by
/// <see cref="ErpResyncClearance"/> (as SYSTEM, with who and when). Anyone else who writes the flag or its clearance record
/// is refused, whatever their roles, the worker's application user included: otherwise an ordinary write could hide an
/// invoice whose figures may be an older ERP version's, or a clearance be recorded in someone else's name. Pre-validation
/// sees the caller's own columns only, so the amendment's flag (added later, in pre-operation) is not the caller's.
/// One call (who SYSTEM is, at most once per organization: CreditFlowIdentity) only when one of the columns is written.
/// </summary>
public static class ErpResyncFlagGuard
{
    /// <summary>Comma-separated, for the step's filtering attributes.</summary>
    public const string Columns = Receivable.Fields.ErpResyncReason + "," + Receivable.Fields.ErpResyncClearedBy + "," + Receivable.Fields.ErpResyncClearedOn;

    private static readonly string[] Guarded = [Receivable.Fields.ErpResyncReason, Receivable.Fields.ErpResyncClearedBy, Receivable.Fields.ErpResyncClearedOn];

    public static void Guard(IExecutionContext context, IOrganizationService systemService, Entity target)
    {
        var written = CreditFlowIdentity.WrittenByOthers(context, systemService, target, Guarded);
        if (written.Count == 0)
        {
            return;
        }

        var erpId = target.GetAttributeValue<string>(Receivable.Fields.ErpId);
        throw new InvalidPluginExecutionException(
            (string.IsNullOrEmpty(erpId) ? "The invoice" : "Invoice " + erpId) + " cannot be saved: " + string.Join(", ", written)
            + " (the ERP re-sync flag and who cleared it) are not written directly, whatever your roles. The flag is set when the ERP's messages for the invoice were applied out of order, and cleared with Clear ERP re-sync ("
            + ClearErpResyncApi.UniqueName + ") by a credit manager or collector once the ERP re-sent the invoice, which records who and when.");
    }
}
