namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>
/// The ERP's reversal of a posted payment (a bounced cheque, a chargeback, a wrong posting taken back), session 14.
/// <see cref="ReversalId"/> is the reversal's own id (idempotency: the same reversal again changes nothing);
/// <see cref="PaymentErpId"/> the reversed payment's ERP id in the same source system; <see cref="Amount"/> the amount it
/// takes back when the ERP states it (always the payment's whole amount).
/// </summary>
public sealed record ErpPaymentReversal(
    string SourceSystem,
    string ReversalId,
    string PaymentErpId,
    string CustomerNumber,
    decimal? Amount,
    string? CurrencyCode,
    DateOnly ReversalDate,
    string Reason);
