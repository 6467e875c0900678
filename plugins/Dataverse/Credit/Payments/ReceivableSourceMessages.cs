using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// The ERP messages an invoice was written from (<see cref="SourceMessageLog"/>): a write naming its broker message id
/// (<see cref="Receivable.Fields.SourceMessageId"/>, the worker's) whose id was applied before takes the version it was
/// first applied as, whatever sequence number it carries now: a publisher's re-send of an old message (same message id, a
/// new and higher sequence number) is then a redelivery or superseded and writes nothing, and the same message id with other
/// content is a conflict with both figures. A write whose id is new is recorded in
/// <see cref="Receivable.Fields.SourceMessages"/> when it is applied. Runs inside the amendment under the account's lock,
/// on the fresh read (<see cref="StoredColumns"/>); no calls of its own.
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

    /// <summary>Refuses a write whose message id the invoice was already written from (before anything moves).</summary>
    /// <param name="stored">The row as read under the account's lock, with <see cref="StoredColumns"/>, amount, open amount, version and ERP id.</param>
    public static void Check(Entity target, Entity stored)
    {
        if (MessageId(target) is not { } messageId)
        {
            return;
        }

        var incoming = EntryOf(target, messageId);
        var judgement = SourceMessageLog.Judge(
            stored.GetAttributeValue<string>(Receivable.Fields.SourceMessages),
            stored.GetAttributeValue<string>(Receivable.Fields.SourceMessageId),
            messageId,
            incoming.Amount,
            incoming.OpenAmount,
            incoming.Digest);
        if (judgement.Recorded is not { } recorded)
        {
            return;
        }

        var invoice = stored.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? stored.Id.ToString();
        var sentAs = target.GetAttributeValue<long?>(Receivable.Fields.SourceVersion);
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
                    "Invoice {0} was last written from version {1} of {2} (message {3}, amount {4:0.00}); this write is message {5} again, applied before as the older version {6} (amount {7:0.00}) and now numbered {8}: superseded, nothing applied.",
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
                    "Invoice {0} was written from message {1} (version {2}) with amount {3:0.00}, open {4:0.00}; the same message now says amount {5:0.00}, open {6:0.00}{7}: one message cannot carry two contents. Check the ERP's message for this invoice.",
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

    /// <summary>Records the write's message id in the invoice's log (a write being applied, on Create or Update).</summary>
    /// <param name="stored">The row before the write (null on Create).</param>
    public static void Record(Entity target, Entity? stored)
    {
        if (MessageId(target) is not { } messageId)
        {
            return;
        }

        target[Receivable.Fields.SourceMessages] = SourceMessageLog.Append(stored?.GetAttributeValue<string>(Receivable.Fields.SourceMessages), EntryOf(target, messageId));
    }

    private static string? MessageId(Entity target) =>
        target.GetAttributeValue<string>(Receivable.Fields.SourceMessageId) is { Length: > 0 } id ? id : null;

    private static SourceMessageEntry EntryOf(Entity target, string messageId) =>
        new(
            messageId,
            target.GetAttributeValue<long?>(Receivable.Fields.SourceVersion),
            target.MoneyOrZero(Receivable.Fields.Amount),
            target.MoneyOrZero(Receivable.Fields.OpenAmount),
            SourceMessageLog.Digest(StatedColumns.Select(column => SourceMessageLog.Canonical(Plain(target.Contains(column) ? target[column] : null)))));

    private static object? Plain(object? value) => value switch
    {
        Money money => money.Value,
        EntityReference reference => reference.Id.ToString("D"),
        OptionSetValue option => option.Value,
        _ => value,
    };
}
