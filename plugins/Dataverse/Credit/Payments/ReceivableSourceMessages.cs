using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// The ERP messages an invoice was written from (<see cref="SourceMessageLog"/>): a write naming its broker message id
/// (<see cref="Receivable.Fields.SourceMessageId"/>, the worker's) whose id was recorded before takes the version it was
/// first recorded as, whatever sequence number it carries now: a publisher's re-send of an old message (same message id, a
/// new and higher sequence number) is then a redelivery or superseded and writes nothing, and the same message id with other
/// content is a conflict with both figures. A write whose id is new is recorded in
/// <see cref="Receivable.Fields.SourceMessages"/> when it is applied, and also when it is superseded by its number (an older
/// version delivered after a newer one): then only its id is written (<see cref="RecordSuperseded"/>), so a later re-send
/// of it under a higher number is still known as old. Runs inside the amendment under the account's lock, on the fresh
/// read (<see cref="StoredColumns"/>); no calls of its own.
/// </summary>
public static class ReceivableSourceMessages
{
    /// <summary>The columns of the stored row the check needs (read with the amendment's fresh read).</summary>
    public static readonly string[] StoredColumns = [Receivable.Fields.SourceMessageId, Receivable.Fields.SourceMessages];

    /// <summary>What an ERP message states of the invoice besides its amounts, fingerprinted to tell a re-send from a changed message.</summary>
    private static readonly string[] StatedColumns =
    [
        Receivable.Fields.InvoiceNumber, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate, Receivable.Fields.SettledOn,
        Receivable.Fields.IsDisputed, Receivable.Fields.DiscountPercent, Receivable.Fields.DiscountDate, Receivable.Fields.AccountId,
    ];

    /// <summary>
    /// Everything the worker writes from an ERP message (its figures, what else it states, its currency and which message it
    /// is): none of it is written from a message superseded by its number.
    /// </summary>
    private static readonly string[] MessageColumns =
    [
        Receivable.Fields.Amount, Receivable.Fields.OpenAmount, .. StatedColumns, Receivable.Fields.TransactionCurrencyId,
        Receivable.Fields.SourceVersion, Receivable.Fields.SourceVersionScope, Receivable.Fields.SourceMessageId,
    ];

    /// <summary>The message a write comes from, with its fingerprint; null when the write names no message id. Taken once a write.</summary>
    public static SourceMessageEntry? Incoming(Entity target)
    {
        if (target.GetAttributeValue<string>(Receivable.Fields.SourceMessageId) is not { Length: > 0 } messageId)
        {
            return null;
        }

        return new SourceMessageEntry(
            messageId,
            target.GetAttributeValue<long?>(Receivable.Fields.SourceVersion),
            target.MoneyOrZero(Receivable.Fields.Amount),
            target.MoneyOrZero(Receivable.Fields.OpenAmount),
            SourceMessageLog.Digest(StatedColumns.Select(column => SourceMessageLog.Canonical(Plain(target.Contains(column) ? target[column] : null)))));
    }

    /// <summary>
    /// Judges a write whose message id the invoice already recorded (before anything moves): refuses a redelivery, a
    /// superseded message or a conflict; answers true when the write was reduced to what the message's first storage
    /// tells (<see cref="SourceMessageStanding.FirstStoredEarlier"/>: the version corrected;
    /// <see cref="SourceMessageStanding.OutOfOrder"/>: the invoice flagged for an ERP re-sync, <see cref="Receivable.Fields.ErpResyncReason"/>)
    /// and is to commit that alone; false when the id is not recorded (or the write names none).
    /// </summary>
    /// <param name="incoming">The write's message (<see cref="Incoming"/>); nothing to check when null.</param>
    /// <param name="stored">The row as read under the account's lock, with <see cref="StoredColumns"/>, amount, open amount, version and ERP id.</param>
    public static bool Check(SourceMessageEntry? incoming, Entity target, Entity stored, ITracingService tracing)
    {
        if (incoming is null)
        {
            return false;
        }

        var messageId = incoming.MessageId;
        var storedScope = stored.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope);
        var incomingScope = target.Contains(Receivable.Fields.SourceVersionScope) ? target.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope) : storedScope;
        var judgement = SourceMessageLog.Judge(
            stored.GetAttributeValue<string>(Receivable.Fields.SourceMessages),
            stored.GetAttributeValue<string>(Receivable.Fields.SourceMessageId),
            incoming,
            ordered: string.Equals(storedScope, incomingScope, StringComparison.Ordinal));
        if (judgement.Recorded is not { } recorded)
        {
            return false;
        }

        var invoice = stored.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? stored.Id.ToString();
        var sentAs = target.GetAttributeValue<long?>(Receivable.Fields.SourceVersion);
        switch (judgement.Standing)
        {
            case SourceMessageStanding.FirstStoredEarlier:
                // The figures are right (nothing with other content lies between); the version goes down to the first storage's,
                // so a message stored between the two numbers is still taken as newer when it comes.
                StripMessage(target);
                target[Receivable.Fields.SourceVersion] = judgement.CorrectedVersion;
                target[Receivable.Fields.SourceMessages] = SourceMessageLog.Append(stored.GetAttributeValue<string>(Receivable.Fields.SourceMessages), recorded with { Version = incoming.Version });
                tracing.Trace(
                    "Invoice {0}: message {1}, applied as version {2}, was first stored as version {3}; no message with other figures lies between, so the invoice keeps its figures and is now written from version {4}.",
                    invoice, messageId, recorded.Version, incoming.Version, judgement.CorrectedVersion);
                return true;
            case SourceMessageStanding.OutOfOrder:
                // Not refused: a refusal would roll the flag back. Nothing of the message is written; the invoice is flagged with
                // the figures, and the worker dead-letters the message whose finding the flag opens with.
                StripMessage(target);
                var newer = judgement.Newer!;
                target[Receivable.Fields.ErpResyncReason] = string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} of {1}, but invoice {2} was written from its copy numbered {3} as the newest version (amount {4:0.00}; the invoice holds amount {5:0.00}, open {6:0.00}). Message {7} (version {8}, amount {9:0.00}, open {10:0.00}) was stored between the two, so by the ERP's order it is the newer version and the invoice's figures may be an older version's. Nothing of message {11} was applied. Have the ERP send the invoice's current state again, check the figures, then clear this.",
                    SourceMessageLog.OutOfOrderOpening(messageId, incoming.Version!.Value),
                    storedScope,
                    invoice,
                    recorded.Version,
                    recorded.Amount,
                    stored.MoneyOrZero(Receivable.Fields.Amount),
                    stored.MoneyOrZero(Receivable.Fields.OpenAmount),
                    newer.MessageId,
                    newer.Version,
                    newer.Amount,
                    newer.OpenAmount,
                    messageId);
                tracing.Trace("{0}", target[Receivable.Fields.ErpResyncReason]);
                return true;
        }

        throw judgement.Standing switch
        {
            SourceMessageStanding.Redelivery => new InvalidPluginExecutionException(
                OperationStatus.Failed,
                SourceMessageLog.RedeliveryErrorCode,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} was last written from message {1} (version {2}, amount {3:0.00}, open {4:0.00}); this is the same message again (now numbered {5}) with the same content: a redelivery, nothing applied.",
                    invoice, messageId, recorded.Version, recorded.Amount, recorded.OpenAmount, sentAs)),
            SourceMessageStanding.Superseded => new InvalidPluginExecutionException(
                OperationStatus.Failed,
                SourceVersionOrder.SupersededErrorCode,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} was last written from version {1} of {2} (message {3}, amount {4:0.00}); this write is message {5} again, recorded before as the older version {6} (amount {7:0.00}) and now numbered {8}: superseded, nothing applied.",
                    invoice,
                    stored.GetAttributeValue<long?>(Receivable.Fields.SourceVersion),
                    stored.GetAttributeValue<string>(Receivable.Fields.SourceVersionScope),
                    stored.GetAttributeValue<string>(Receivable.Fields.SourceMessageId),
                    stored.MoneyOrZero(Receivable.Fields.Amount),
                    messageId,
                    recorded.Version,
                    recorded.Amount,
                    sentAs)),
            _ => new InvalidPluginExecutionException(
                OperationStatus.Failed,
                SourceVersionOrder.ConflictErrorCode,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} recorded message {1} (version {2}) with amount {3:0.00}, open {4:0.00}; the same message now says amount {5:0.00}, open {6:0.00}{7}: one message cannot carry two contents. Check the ERP's message for this invoice.",
                    invoice,
                    messageId,
                    recorded.Version,
                    recorded.Amount,
                    recorded.OpenAmount,
                    incoming.Amount,
                    incoming.OpenAmount,
                    recorded.Digest == incoming.Digest ? string.Empty : " and other dates, dispute or discount")),
        };
    }

    /// <summary>Records the write's message in the invoice's log (a write being applied, on Create or Update).</summary>
    /// <param name="stored">The row before the write (null on Create).</param>
    /// <param name="incoming">The write's message (<see cref="Incoming"/>); nothing to record when null.</param>
    public static void Record(Entity target, Entity? stored, SourceMessageEntry? incoming)
    {
        if (incoming is not null)
        {
            target[Receivable.Fields.SourceMessages] = SourceMessageLog.Append(stored?.GetAttributeValue<string>(Receivable.Fields.SourceMessages), incoming);
        }
    }

    /// <summary>
    /// A write superseded by its number (older than the version the row was written from) becomes the record of its
    /// message alone: every column the message states is taken out of the write and its id, version and figures are added
    /// to the log, so the row keeps the newer version and a re-send of this message under a higher number is refused as
    /// superseded. The write then commits (a refusal would roll the record back). False when the write names no message
    /// id: nothing to record, and it is refused as before.
    /// </summary>
    public static bool RecordSuperseded(Entity target, Entity stored, SourceMessageEntry? incoming)
    {
        if (incoming is null)
        {
            return false;
        }

        StripMessage(target);
        Record(target, stored, incoming);
        return true;
    }

    /// <summary>Takes every column the message states out of the write (nothing of it is applied).</summary>
    private static void StripMessage(Entity target)
    {
        foreach (var column in MessageColumns)
        {
            target.Attributes.Remove(column);
        }
    }

    private static object? Plain(object? value) => value switch
    {
        Money money => money.Value,
        EntityReference reference => reference.Id.ToString("D"),
        OptionSetValue option => option.Value,
        _ => value,
    };
}
