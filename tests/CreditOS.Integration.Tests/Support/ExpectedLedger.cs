namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// What a stream of ERP and channel messages must leave in Dataverse, computed from the messages sent alone (never read
/// back): the dead letters by message id with their reasons, every valid payment once (ERP id → its first amount and the
/// invoice it names, empty for none), every invoice's last valid amount and its customer, every valid order once (channel
/// key → amount) and, when the stream states it, each customer's unapplied cash. <see cref="LedgerOutcome"/> asserts it.
/// </summary>
public sealed record ExpectedLedger(
    IReadOnlyDictionary<string, string> DeadLetters,
    IReadOnlyDictionary<string, (decimal Amount, string Invoice)> Payments,
    IReadOnlyDictionary<string, decimal> InvoiceAmounts,
    IReadOnlyDictionary<string, string> InvoiceCustomers,
    IReadOnlyDictionary<string, decimal> Orders)
{
    /// <summary>Customer number → the cash its payments left unapplied (beyond what the invoices they named had open); null: not asserted.</summary>
    public IReadOnlyDictionary<string, decimal>? UnappliedCash { get; init; }

    /// <summary>ERP ids of payments the stream reverses: written once (in <see cref="Payments"/>), their money taken back.</summary>
    public IReadOnlySet<string> ReversedPayments { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Each invoice's open amount: its amount less every valid payment naming it that is not reversed, never below zero (a
    /// payment beyond what is open settles the invoice and keeps the rest as the customer's unapplied cash).
    /// </summary>
    public Dictionary<string, decimal> OpenAmounts() => InvoiceAmounts.ToDictionary(
        pair => pair.Key,
        pair => Math.Max(0m, pair.Value - Payments.Where(payment => payment.Value.Invoice == pair.Key && !ReversedPayments.Contains(payment.Key)).Sum(payment => payment.Value.Amount)),
        StringComparer.Ordinal);
}
