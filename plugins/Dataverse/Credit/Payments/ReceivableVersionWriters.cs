using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Who writes an invoice's source version (<see cref="Receivable.Fields.SourceVersion"/> and its scope, the message id it
/// was last written from and the log of the message ids applied, <see cref="ReceivableSourceMessages"/>): the integration
/// worker (the creditOS Integration role) from the broker's sequence number, or the credit flow / a migration (SYSTEM).
/// Never a person, whatever their roles: a version typed by hand above the broker's numbers would make every later ERP
/// change of the invoice look older and be refused as superseded, so the invoice would silently stop following the
/// ERP; a log edited by hand would let an old message be applied again as new, or refuse a new one as a replay. A value
/// re-sent unchanged is no change and costs nothing.
/// </summary>
public static class ReceivableVersionWriters
{
    /// <summary>Comma-separated, for the step's filtering attributes.</summary>
    public const string Columns = Receivable.Fields.SourceVersion + "," + Receivable.Fields.SourceVersionScope + "," + Receivable.Fields.SourceMessageId + "," + Receivable.Fields.SourceMessages;

    /// <summary>Comma-separated, for the step's pre-image: the guarded columns and the invoice's ERP id for the message.</summary>
    public const string ImageColumns = Columns + "," + Receivable.Fields.ErpId;

    private static readonly string[] Guarded = [Receivable.Fields.SourceVersion, Receivable.Fields.SourceVersionScope, Receivable.Fields.SourceMessageId, Receivable.Fields.SourceMessages];

    /// <param name="isIntegration">Whether the caller is the worker (one call); asked only when a guarded column changes.</param>
    /// <param name="isCreditFlow">Whether the caller is SYSTEM (one call); asked only when the caller is not the worker.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isIntegration, Func<bool> isCreditFlow)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, Guarded);
        if (changed.Count == 0 || isIntegration() || isCreditFlow())
        {
            return;
        }

        var erpId = target.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? before?.GetAttributeValue<string>(Receivable.Fields.ErpId);
        throw new InvalidPluginExecutionException(
            (string.IsNullOrEmpty(erpId) ? "The invoice" : "Invoice " + erpId) + " cannot be saved: " + string.Join(", ", changed)
            + (changed.Count == 1 ? " records" : " record") + " which ERP message the invoice was last written from and is written by the integration worker only, whatever your roles. "
            + "A version set by hand would make the ERP's later changes of this invoice look older and be refused as superseded.");
    }
}
