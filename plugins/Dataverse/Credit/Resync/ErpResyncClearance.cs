using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Resync;

/// <summary>
/// Finance clears an invoice's ERP re-sync flag (<see cref="Receivable.Fields.ErpResyncReason"/>, set when the invoice's ERP
/// messages were applied out of order, so its figures may be an older version's) once the ERP sent the invoice's current
/// state again and the worker applied it. Who may: the credit managers and collectors, recognised as holders of the Finance
/// approver role (directly or through a team) or members of the Finance team (<see cref="ApproverDirectory"/>), as for
/// disputes. When: only when the invoice is no longer written from the message whose out-of-order copy flagged it
/// (<see cref="SourceMessageLog.FindingAwaitsResync"/>): before the re-sync arrived, clearing would hide figures that may
/// still be wrong. The flag is emptied and who and when recorded (<see cref="Receivable.Fields.ErpResyncClearedBy"/>,
/// <see cref="Receivable.Fields.ErpResyncClearedOn"/>), written as SYSTEM (<see cref="ErpResyncFlagGuard"/> refuses
/// everyone else); the finding's text stays in the table's audit history. Budget: at most <see cref="Calls"/>.
/// </summary>
public static class ErpResyncClearance
{
    /// <summary>Who the caller is (at most 3), the invoice read, its write.</summary>
    public const int Calls = 5;

    private static readonly ColumnSet Columns = new(
        Receivable.Fields.InvoiceNumber, Receivable.Fields.ErpId, Receivable.Fields.ErpResyncReason, Receivable.Fields.SourceMessageId);

    /// <param name="system">An organization service running as SYSTEM.</param>
    public static void Clear(IOrganizationService system, Guid callerId, EntityReference invoice, DateTime now)
    {
        if (!ApproverDirectory.IsFinanceApprover(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                "Only credit managers and collectors (the '" + ApprovalConfiguration.FinanceApproverRoleName + "' role or the Finance team) clear an invoice's ERP re-sync flag.");
        }

        var row = system.Retrieve(Receivable.EntityLogicalName, invoice.Id, Columns);
        var number = row.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? row.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? invoice.Id.ToString();
        if (row.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason) is not { Length: > 0 } finding)
        {
            throw new InvalidPluginExecutionException("Invoice " + number + " is not flagged for an ERP re-sync; there is nothing to clear.");
        }

        var writtenFrom = row.GetAttributeValue<string>(Receivable.Fields.SourceMessageId);
        if (SourceMessageLog.FindingAwaitsResync(finding, writtenFrom))
        {
            throw new InvalidPluginExecutionException(string.Format(
                CultureInfo.InvariantCulture,
                "Invoice {0} is still written from message {1}, whose copy arriving out of order flagged it: its figures may still be an older ERP version's. Have the ERP send the invoice's current state again; once the worker has applied it, check the figures and clear the flag.",
                number,
                writtenFrom));
        }

        system.Update(new Entity(Receivable.EntityLogicalName, invoice.Id)
        {
            [Receivable.Fields.ErpResyncReason] = null,
            [Receivable.Fields.ErpResyncClearedBy] = new EntityReference(SystemUser.EntityLogicalName, callerId),
            [Receivable.Fields.ErpResyncClearedOn] = now,
        });
    }
}
