using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Payment;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// ERP payment reversals (session 14) → the reversed payment's reversal columns, written update-only (PATCH by the payment's
/// alternate key with <c>If-Match: *</c>) with the payment's account bound, so a reversal naming another customer's payment is
/// refused by the posted-payment guard. The payment reversal plug-in undoes the payment's applications in the same
/// transaction and rescores the account. Decisions: written → completed (the same reversal again passes the plug-in as
/// nothing to do, so a redelivery is completed without any change); the payment not there (404) → abandoned: it may still be
/// on its way (its first delivery abandoned on a fault while the reversal overtook it), and one that never comes ends in the
/// dead-letter queue after MaxDeliveryCount with this reason; a payment reversed by another reversal →
/// <see cref="RejectionReasons.PaymentAlreadyReversed"/>; the same reversal id with other facts, or another amount than the
/// payment's → <see cref="RejectionReasons.PaymentReversalConflict"/>, each with the plug-in's figures; a reversal id that
/// reversed another payment already → <see cref="RejectionReasons.ReversalIdInUse"/>, naming both payments; the payment's
/// reversal key taken by a reversal committed in the same instant (DuplicateRecord, the race the plug-in's query cannot see,
/// plug-ins <c>Credit/Payments/ReversalIdInUse</c>) → abandoned: nothing was written, and the next delivery is refused by name.
/// </summary>
public sealed class PaymentReversalBatchHandler(AdapterSet<ErpPaymentReversal> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<ErpPaymentReversal>(adapters, accounts, dataverse)
{
    public static readonly string AlreadyReversedSubErrorCode = PaymentReversals.AlreadyReversedErrorCode.ToString(CultureInfo.InvariantCulture);

    public static readonly string ChangedSubErrorCode = PaymentReversals.ChangedErrorCode.ToString(CultureInfo.InvariantCulture);

    public static readonly string AmountSubErrorCode = PaymentReversals.AmountErrorCode.ToString(CultureInfo.InvariantCulture);

    public static readonly string InUseSubErrorCode = PaymentReversals.InUseErrorCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>Dataverse's answer to a write whose alternate-key values another row holds (the payment's reversal key here).</summary>
    public const string DuplicateRecordErrorCode = "0x80040237";

    protected override string CustomerNumber(ErpPaymentReversal record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(ErpPaymentReversal record) =>
        RecordRules.AddressableKey("source system", record.SourceSystem, "the integration's configuration")
        ?? RecordRules.AddressableKey("reversed payment id", record.PaymentErpId, record.SourceSystem)
        ?? RecordRules.AddressableKey("reversal id", record.ReversalId, record.SourceSystem);

    protected override IEnumerable<(string What, DateOnly Date)> Dates(ErpPaymentReversal record) =>
        [($"reversal {record.SourceSystem}/{record.ReversalId} date", record.ReversalDate)];

    protected override Rejection? Validate(ErpPaymentReversal record, AccountReference account)
    {
        var what = $"reversal {record.SourceSystem}/{record.ReversalId} of payment {record.PaymentErpId}";
        if (PaymentReversals.ReasonRefusal(record.ReversalId, record.Reason) is { } reason)
        {
            return new Rejection(RejectionReasons.MalformedPayload, reason);
        }

        if (record.Amount is not { } amount)
        {
            return null;
        }

        return RecordRules.PositiveAmount(amount, what)
            ?? (record.CurrencyCode is { } currency ? RecordRules.SameCurrency(currency, account, string.Create(CultureInfo.InvariantCulture, $"{what} of {amount}")) : null)
            ?? RecordRules.CurrencyDecimals(amount, account, $"{what} amount");
    }

    protected override BatchOperation ToOperation(ErpPaymentReversal record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.ReversalId] = record.ReversalId,
            [Schema.ReversalReason] = record.Reason.Trim(),
            [Schema.ReversedOn] = ODataKey.Date(record.ReversalDate),
        };
        if (record.Amount is { } amount)
        {
            body[Schema.ReversalAmount] = amount;
        }

        // The payment's own account again: unchanged for the customer's payment, refused (posted payment guard) for another's.
        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        var update = BatchOperation.Update(PaymentUrl(record), body);
        var headers = new Dictionary<string, string>(update.Headers!, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in BatchOperation.ErrorDetailsPreference)
        {
            headers[name] = value;
        }

        return update with { Headers = headers };
    }

    protected override Task<SettleDecision?> RefusedAsync(ErpPaymentReversal record, BatchOperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        var what = string.Create(CultureInfo.InvariantCulture, $"Reversal {record.SourceSystem}/{record.ReversalId} of payment {record.SourceSystem}/{record.PaymentErpId} (customer {record.CustomerNumber}, dated {record.ReversalDate:yyyy-MM-dd}, '{record.Reason}')");
        if (result.StatusCode == 404)
        {
            return Task.FromResult<SettleDecision?>(SettleDecision.Wait(
                $"{what}: the payment is not posted in Dataverse (yet); delivered again until it is (Dataverse said: {result.ErrorMessage})"));
        }

        if (result.SubErrorCode == AlreadyReversedSubErrorCode)
        {
            return Task.FromResult<SettleDecision?>(DeadLetterFor(new Rejection(RejectionReasons.PaymentAlreadyReversed, $"{what}: {result.ErrorMessage}"), record));
        }

        if (result.SubErrorCode == InUseSubErrorCode)
        {
            return Task.FromResult<SettleDecision?>(DeadLetterFor(new Rejection(RejectionReasons.ReversalIdInUse, $"{what}: {result.ErrorMessage}"), record));
        }

        if (string.Equals(result.ErrorCode, DuplicateRecordErrorCode, StringComparison.OrdinalIgnoreCase))
        {
            // The update writes no other key column: another payment took this reversal id in a transaction that committed
            // while this one waited. Everything here rolled back; delivered again, the plug-in refuses it naming both payments.
            return Task.FromResult<SettleDecision?>(SettleDecision.Abandon(
                $"{what}: another payment took reversal id {record.ReversalId} at the same moment; delivered again to be refused with both payments named (Dataverse said: {result.ErrorMessage})"));
        }

        if (result.SubErrorCode == ChangedSubErrorCode || result.SubErrorCode == AmountSubErrorCode)
        {
            return Task.FromResult<SettleDecision?>(DeadLetterFor(new Rejection(RejectionReasons.PaymentReversalConflict, $"{what}: {result.ErrorMessage}"), record));
        }

        return Task.FromResult<SettleDecision?>(null);
    }

    private static string PaymentUrl(ErpPaymentReversal record) =>
        ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.PaymentErpId)));
}
