using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Collections;

/// <summary>A promise to pay as collections took it: amount, date, the invoices it covers (empty: any of the account's) and what it already collected.</summary>
public sealed record PromiseUnderWatch(string Id, decimal Amount, DateTime PromisedFor, IReadOnlyCollection<string> CoveredInvoices, decimal KeptAmount);

/// <summary>A payment applied to an invoice on a date.</summary>
public sealed record PromisePayment(string InvoiceId, decimal Amount, DateTime PaidOn);

/// <summary>The promise after evaluation: status, amount kept so far, what remains and when it was resolved.</summary>
public sealed record PromiseOutcome(PromiseStatus Status, decimal KeptAmount, decimal Remaining, DateTime? ResolvedOn)
{
    /// <summary>Partly kept: some money arrived but not all of it (the promise stays open until its date, then is broken with the kept amount recorded).</summary>
    public bool IsPartial => KeptAmount > 0 && Remaining > 0;
}

/// <summary>
/// Keeps or breaks promises to pay. Payments on the invoices a promise covers (any invoice of the account when it
/// names none) made on or before its date count toward it; it is <b>kept</b> when they reach its amount, or when
/// every covered invoice is settled (the customer paid all it owed, even if the promise overstated it). When the
/// date passes with money still missing it is <b>broken</b>, the kept amount and the remainder recorded (a partial
/// promise). Payments after the date do not mend a broken promise. One rule for the payment posting and the batch.
/// </summary>
public static class PromiseEvaluator
{
    public static PromiseOutcome Evaluate(PromiseUnderWatch promise, IEnumerable<PromisePayment> newPayments, bool everyCoveredInvoiceSettled, DateTime asOf)
    {
        Require.NotNull(promise, "The promise");
        Require.NotNull(newPayments, "The payments");
        var kept = promise.KeptAmount;
        DateTime? lastCounted = null;
        foreach (var payment in newPayments.OrderBy(p => p.PaidOn))
        {
            var covered = promise.CoveredInvoices.Count == 0 || promise.CoveredInvoices.Contains(payment.InvoiceId);
            if (covered && payment.PaidOn.Date <= promise.PromisedFor.Date && payment.Amount > 0)
            {
                kept += payment.Amount;
                lastCounted = payment.PaidOn.Date;
            }
        }

        kept = Math.Min(kept, promise.Amount);
        var remaining = promise.Amount - kept;
        if (remaining <= 0 || (everyCoveredInvoiceSettled && promise.CoveredInvoices.Count > 0 && asOf.Date <= promise.PromisedFor.Date))
        {
            return new PromiseOutcome(PromiseStatus.Kept, kept, 0, lastCounted ?? asOf.Date);
        }

        return asOf.Date > promise.PromisedFor.Date
            ? new PromiseOutcome(PromiseStatus.Broken, kept, remaining, promise.PromisedFor.Date.AddDays(1))
            : new PromiseOutcome(PromiseStatus.Open, kept, remaining, null);
    }
}
