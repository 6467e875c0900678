using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Observability;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Receivable;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// ERP invoices and their changes → cos_receivable, upserted by (source system, ERP id), each with the version it is
/// (the broker's sequence number and its scope: <see cref="ErpReceivable.Version"/>). The receivable amendment refuses a
/// version older than the one the row was written from, or, when the write names its message id, commits only the record
/// of that id (the row's message id then stays the newer one's, which the write asks back); such a message is superseded
/// (completed, logged with both versions, counted), never dead-lettered nor retried. The same version with another amount is a conflict
/// (<see cref="RejectionReasons.ReceivableVersionConflict"/>, dead-lettered with both figures), and so is the same invoice
/// naming another customer (<see cref="RejectionReasons.InvoiceCustomerChanged"/>). A version without ordering
/// evidence (a broker that numbers nothing) is written as the latest, logged and counted as unordered. Each write names
/// its broker message id: a message the invoice was already written from (a publisher's re-send under the same id gets a
/// new, higher sequence number) keeps the version it was first applied as, so it is a redelivery (completed), superseded
/// (completed) or, with other content, a conflict (dead-lettered with both figures), never written as the newest. The
/// message the invoice was last written from, back under a lower number than it was applied as (its first copy, overtaken
/// by its re-send while locked elsewhere), dates the invoice by that first storage, or, when a message with other figures was
/// stored between, is found out of order: the plug-in flags the invoice for an ERP re-sync and the message is dead-lettered
/// (<see cref="RejectionReasons.ReceivableOutOfOrder"/>) with the figures (integration/README, session 32).
/// </summary>
public sealed partial class ReceivableBatchHandler(
    AdapterSet<ErpReceivable> adapters,
    IAccountDirectory accounts,
    DataverseWebApiClient dataverse,
    WorkerMetrics metrics,
    IOptions<BrokerOptions> broker,
    ILogger<ReceivableBatchHandler> logger)
    : RecordBatchHandler<ErpReceivable>(adapters, accounts, dataverse)
{
    /// <summary><see cref="SourceVersionOrder.SupersededErrorCode"/> as Dataverse states a plug-in's code: SubErrorCode, in decimal.</summary>
    public static readonly string SupersededSubErrorCode = SourceVersionOrder.SupersededErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="SourceVersionOrder.ConflictErrorCode"/> as a SubErrorCode, in decimal.</summary>
    public static readonly string ConflictSubErrorCode = SourceVersionOrder.ConflictErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="SourceMessageLog.RedeliveryErrorCode"/> as a SubErrorCode, in decimal.</summary>
    public static readonly string RedeliverySubErrorCode = SourceMessageLog.RedeliveryErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="PaidInTheErp.BelowAppliedErrorCode"/> as a SubErrorCode, in decimal.</summary>
    public static readonly string BelowAppliedSubErrorCode = PaidInTheErp.BelowAppliedErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="InvoiceOwnership.CustomerChangedErrorCode"/> as a SubErrorCode, in decimal.</summary>
    public static readonly string CustomerChangedSubErrorCode = InvoiceOwnership.CustomerChangedErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A write naming its message id asks for the message id the row keeps (return=representation, one column) besides the
    /// error details: a message superseded by its number commits only the record of its id, so the row still names the
    /// newer message, and that is how it is told from a write applied (<see cref="Written"/>).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> MessageIdReturnedPreference =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Prefer"] = "return=representation," + BatchOperation.ErrorDetailsPreference["Prefer"] };

    private readonly string _queue = broker.Value.Queues.Receivables;

    protected override string CustomerNumber(ErpReceivable record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(ErpReceivable record) =>
        RecordRules.AddressableKey("source system", record.SourceSystem, "the integration's configuration")
        ?? RecordRules.AddressableKey("ERP invoice id", record.ErpId, record.SourceSystem)
        ?? RecordRules.NameableInvoice($"ERP invoice id of {record.SourceSystem}", record.ErpId);

    protected override IEnumerable<(string What, DateOnly Date)> Dates(ErpReceivable record)
    {
        var invoice = $"invoice {record.SourceSystem}/{record.ErpId}";
        yield return ($"{invoice} invoice date", record.InvoiceDate);
        yield return ($"{invoice} due date", record.DueDate);
        if (record.SettledOn is { } settled)
        {
            yield return ($"{invoice} settlement date", settled);
        }

        if (record.DiscountDate is { } discount)
        {
            yield return ($"{invoice} discount date", discount);
        }
    }

    protected override Rejection? Validate(ErpReceivable record, AccountReference account)
    {
        if (record.OpenAmount < 0 || record.OpenAmount > record.Amount)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the open amount {record.OpenAmount} must lie between 0 and the invoice amount {record.Amount}.");
        }

        return RecordRules.PositiveAmount(record.Amount, $"invoice {record.SourceSystem}/{record.ErpId}") ?? DiscountTerms(record)
            ?? RecordRules.SameCurrency(record.CurrencyCode, account, string.Create(CultureInfo.InvariantCulture, $"invoice {record.SourceSystem}/{record.ErpId} of {record.Amount}"))
            ?? RecordRules.CurrencyDecimals(record.Amount, account, $"invoice {record.SourceSystem}/{record.ErpId} amount")
            ?? RecordRules.CurrencyDecimals(record.OpenAmount, account, $"invoice {record.SourceSystem}/{record.ErpId} open amount");
    }

    /// <summary>An early-payment discount is a percent below 100 with the date it runs to, between the invoice date and the due date.</summary>
    private static Rejection? DiscountTerms(ErpReceivable record)
    {
        if (record.DiscountPercent is null && record.DiscountDate is null)
        {
            return null;
        }

        if (record.DiscountPercent is not { } percent || record.DiscountDate is not { } until)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: an early-payment discount needs both its percent and its discount date (got {(record.DiscountPercent is null ? "a date only" : "a percent only")}).");
        }

        if (percent is < 0 or >= 100)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the early-payment discount {percent}% must be at least 0 and below 100.");
        }

        return until < record.InvoiceDate || until > record.DueDate
            ? new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the discount date {until:yyyy-MM-dd} must lie between the invoice date {record.InvoiceDate:yyyy-MM-dd} and the due date {record.DueDate:yyyy-MM-dd}.")
            : null;
    }

    protected override BatchOperation ToOperation(ErpReceivable record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.InvoiceNumber] = record.InvoiceNumber,
            [Schema.InvoiceDate] = ODataKey.Date(record.InvoiceDate),
            [Schema.DueDate] = ODataKey.Date(record.DueDate),
            [Schema.Amount] = record.Amount,
            [Schema.OpenAmount] = record.OpenAmount,
            [Schema.SettledOn] = record.SettledOn is { } settled ? ODataKey.Date(settled) : null,
            [Schema.IsDisputed] = record.IsDisputed,
            [Schema.DiscountPercent] = record.DiscountPercent,
            [Schema.DiscountDate] = record.DiscountDate is { } until ? ODataKey.Date(until) : null,
        };
        if (record.MessageId is { } messageId)
        {
            body[Schema.SourceMessageId] = messageId;
        }

        if (record.Version is { } version)
        {
            body[Schema.SourceVersion] = version.Number;
            body[Schema.SourceVersionScope] = version.Scope;
        }
        else
        {
            // Not silent: this path cannot order the invoice's versions, so an older one delivered later would win.
            metrics.Unordered(_queue);
            LogUnordered(record.SourceSystem, record.ErpId);
        }

        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        var keyedUrl = ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.ErpId)));
        return record.MessageId is null
            ? BatchOperation.Upsert(keyedUrl, body) with { Headers = BatchOperation.ErrorDetailsPreference }
            : BatchOperation.Upsert(keyedUrl + "?$select=" + Schema.SourceMessageId + "," + Schema.ErpResyncReason, body) with { Headers = MessageIdReturnedPreference };
    }

    /// <summary>
    /// Committed: applied, or superseded by its number and only its message id recorded (the row names another message):
    /// then logged and counted as superseded like a refused older version; completed either way.
    /// </summary>
    protected override SettleDecision Written(ErpReceivable record, BatchOperationResult result)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        if (record.MessageId is { } found && record.Version is { } version
            && result.Body?[Schema.ErpResyncReason]?.GetValue<string>() is { } resync
            && resync.StartsWith(SourceMessageLog.OutOfOrderOpening(found, version.Number), StringComparison.Ordinal))
        {
            // This copy found the invoice's messages applied out of order: the plug-in wrote nothing of it and flagged the
            // invoice with the figures. Never a silent completion: a person reviews it and has the ERP re-sync the invoice.
            LogOutOfOrder(record.SourceSystem, record.ErpId, found, version.Number, resync);
            return DeadLetterFor(new Rejection(RejectionReasons.ReceivableOutOfOrder, resync), record);
        }

        if (record.MessageId is { } messageId && result.Body?[Schema.SourceMessageId]?.GetValue<string>() is { } kept && !string.Equals(kept, messageId, StringComparison.Ordinal))
        {
            metrics.Superseded(_queue);
            LogSupersededRecorded(record.SourceSystem, record.ErpId, messageId, record.Version?.Number, record.Version?.Scope, record.Amount, kept);
        }

        return SettleDecision.Complete();
    }

    /// <summary>
    /// A version older than the row's is superseded: the ERP's newer word is in, so the message is done (completed, not
    /// retried: it would be refused forever; not dead-lettered: nothing is wrong with it). The same version with another
    /// amount is a conflict for a person.
    /// </summary>
    protected override Task<SettleDecision?> RefusedAsync(ErpReceivable record, BatchOperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        if (result.SubErrorCode == SupersededSubErrorCode)
        {
            metrics.Superseded(_queue);
            LogSuperseded(record.SourceSystem, record.ErpId, record.Version?.Number, record.Version?.Scope, record.Amount, result.ErrorMessage);
            return Task.FromResult<SettleDecision?>(SettleDecision.Complete());
        }

        if (result.SubErrorCode == RedeliverySubErrorCode)
        {
            // The message the invoice was last written from, sent or delivered again with the same content: done.
            LogRedelivery(record.SourceSystem, record.ErpId, record.MessageId, record.Version?.Number, result.ErrorMessage);
            return Task.FromResult<SettleDecision?>(SettleDecision.Complete());
        }

        if (result.SubErrorCode == CustomerChangedSubErrorCode)
        {
            // The same invoice id with another customer: a conflict for a person, never a move of the invoice and its payments.
            return Task.FromResult<SettleDecision?>(DeadLetterFor(new Rejection(RejectionReasons.InvoiceCustomerChanged, $"{result.ErrorMessage} (message customer {record.CustomerNumber}, amount {record.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {record.CurrencyCode})"), record));
        }

        if (result.SubErrorCode == BelowAppliedSubErrorCode)
        {
            // A credit note below what payments posted here applied: the ERP reverses those payments first, but the reversal
            // travels on the payments queue and may come after it (session 36: dead-lettered DataverseRejected before, the
            // invoice then kept its old amount once the reversal reopened it). Delivered again until the reversal is in; one
            // that never comes ends in the dead-letter queue after MaxDeliveryCount, carrying this reason.
            return Task.FromResult<SettleDecision?>(SettleDecision.Wait(string.Create(
                CultureInfo.InvariantCulture,
                $"Invoice {record.SourceSystem}/{record.ErpId} restated to amount {record.Amount:0.00}, open {record.OpenAmount:0.00} {record.CurrencyCode} is below what payments posted in creditOS applied to it; delivered again until the ERP's reversal or refund of those payments is in (Dataverse said: {result.ErrorMessage})")));
        }

        return Task.FromResult(result.SubErrorCode == ConflictSubErrorCode
            ? DeadLetterFor(new Rejection(RejectionReasons.ReceivableVersionConflict, $"{result.ErrorMessage} (message version {record.Version?.Number} of {record.Version?.Scope}, amount {record.Amount.ToString("0.00", CultureInfo.InvariantCulture)})"), record)
            : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {SourceSystem}/{ErpId}: message version {Version} of {Scope} (amount {Amount}) is superseded and completed without a write: {Refusal}")]
    private partial void LogSuperseded(string sourceSystem, string erpId, long? version, string? scope, decimal amount, string? refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {SourceSystem}/{ErpId}: message {MessageId}, version {Version} of {Scope} (amount {Amount}), is superseded: the invoice stays written from message {Kept}, only this message's id is recorded (so a re-send of it is known as old)")]
    private partial void LogSupersededRecorded(string sourceSystem, string erpId, string messageId, long? version, string? scope, decimal amount, string kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {SourceSystem}/{ErpId}: message {MessageId} numbered {Version} found the invoice's messages applied out of order; flagged for an ERP re-sync and dead-lettered: {Finding}")]
    private partial void LogOutOfOrder(string sourceSystem, string erpId, string messageId, long version, string finding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {SourceSystem}/{ErpId}: message {MessageId} (now numbered {Version}) is a redelivery of the message it was last written from and is completed without a write: {Refusal}")]
    private partial void LogRedelivery(string sourceSystem, string erpId, string? messageId, long? version, string? refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {SourceSystem}/{ErpId} is written without ordering evidence (the broker gives no sequence number): an older version of it delivered later would overwrite it")]
    private partial void LogUnordered(string sourceSystem, string erpId);
}
