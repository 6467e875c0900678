using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// An ERP restatement of an invoice is applied only if it is not older than the one the row was last written from
/// (<see cref="SourceVersionOrder"/>). Without it, an older open-item message delivered after a newer one (its first
/// delivery abandoned on a transient fault while the credit note was applied) would move the amount back and the ledger
/// would disagree with the ERP. Refusals carry a SubErrorCode of their own so the worker can tell a superseded message
/// (completed, nothing to do) from a conflict (dead-lettered) and from any other refusal. Runs inside the amendment's
/// transaction after the account's row lock and a fresh read, so two versions of one invoice written at once serialize
/// and the second sees the first's version. An older write that names its message id is not refused but reduced to the
/// record of that id (<see cref="ReceivableSourceMessages.RecordSuperseded"/>): a refusal would roll the record back, and a
/// re-send of the message under a higher number would then be taken as the newest. No calls of its own.
/// </summary>
public static class ReceivableVersionCheck
{
    /// <summary>The columns of the stored row the check needs (read with the amendment's fresh read).</summary>
    public static readonly string[] StoredColumns = [Receivable.Fields.SourceVersion, Receivable.Fields.SourceVersionScope];

    /// <param name="target">The write; checked only when it states a source version.</param>
    /// <param name="stored">The row as read under the account's lock, with <see cref="StoredColumns"/>, the amount and the ERP id.</param>
    /// <param name="recordSuperseded">
    /// For a write older than the row's: reduces it to the record of its message and answers true
    /// (<see cref="ReceivableSourceMessages.RecordSuperseded"/>), or answers false and the write is refused as superseded.
    /// </param>
    /// <returns>Whether the write was superseded and reduced to the record of its message (nothing else of it is written).</returns>
    public static bool Check(Entity target, Entity stored, ITracingService tracing, Func<bool> recordSuperseded)
    {
        if (!target.Contains(Receivable.Fields.SourceVersion))
        {
            return false;
        }

        var incoming = target.GetAttributeValue<long?>(Receivable.Fields.SourceVersion);
        var incomingScope = target.Contains(Receivable.Fields.SourceVersionScope)
            ? target.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope)
            : stored.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope);
        var written = stored.GetAttributeValue<long?>(Receivable.Fields.SourceVersion);
        var writtenScope = stored.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope);
        var invoice = stored.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? stored.Id.ToString();
        var amountWritten = stored.MoneyOrZero(Receivable.Fields.Amount);
        switch (SourceVersionOrder.Compare(writtenScope, written, incomingScope, incoming))
        {
            case SourceVersionStanding.Older:
                var superseded = string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} was last written from version {1} of {2} (amount {3:0.00}); this write is from the older version {4} (amount {5}): superseded, nothing applied.",
                    invoice,
                    written,
                    writtenScope,
                    amountWritten,
                    incoming,
                    AmountText(target));
                if (recordSuperseded())
                {
                    // Committed so the message id stays recorded (a refusal would roll it back): a re-send is then known as old.
                    tracing.Trace("{0} Its message id is recorded as superseded.", superseded);
                    return true;
                }

                throw new InvalidPluginExecutionException(OperationStatus.Failed, SourceVersionOrder.SupersededErrorCode, superseded);
            case SourceVersionStanding.Same when target.Contains(Receivable.Fields.Amount) && target.MoneyOrZero(Receivable.Fields.Amount) != amountWritten:
                throw new InvalidPluginExecutionException(
                    OperationStatus.Failed,
                    SourceVersionOrder.ConflictErrorCode,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "Invoice {0} was written from version {1} of {2} with amount {3:0.00}; the same version now says {4:0.00}: one version cannot carry two amounts. Check the ERP's message for this invoice.",
                        invoice,
                        written,
                        writtenScope,
                        amountWritten,
                        target.MoneyOrZero(Receivable.Fields.Amount)));
            case SourceVersionStanding.Unordered:
                tracing.Trace(
                    "Invoice {0}: version {1} of {2} cannot be ordered against version {3} of {4} (another namespace, queue or partition); taken as the latest.",
                    invoice, incoming, incomingScope, written, writtenScope);
                break;
        }

        return false;
    }

    private static string AmountText(Entity target) =>
        target.Contains(Receivable.Fields.Amount) ? target.MoneyOrZero(Receivable.Fields.Amount).ToString("0.00", CultureInfo.InvariantCulture) : "not stated";
}
