namespace CreditOS.CreditEngine.History;

/// <summary>
/// Open amount and settlement date of each invoice as they stood on the evaluation date. Payments dated after it are
/// ignored; the allocation that brings an invoice's payments up to its amount settles it on that payment's date.
/// </summary>
internal sealed class SettlementTracker
{
    private static readonly IComparer<AppliedAmount> ByDate = Comparer<AppliedAmount>.Create((a, b) => a.Date.CompareTo(b.Date));

    private readonly Dictionary<string, Progress> progressByInvoice;
    private readonly DateTime asOf;

    private SettlementTracker(Dictionary<string, Progress> progressByInvoice, DateTime asOf)
    {
        this.progressByInvoice = progressByInvoice;
        this.asOf = asOf;
    }

    public static SettlementTracker Build(IReadOnlyList<InvoiceRecord> invoices, IReadOnlyList<PaymentRecord> payments, DateTime asOf)
    {
        var applied = new List<AppliedAmount>(payments.Count);
        foreach (var payment in payments)
        {
            if (payment.PaymentDate.Date > asOf)
            {
                continue;
            }

            foreach (var allocation in payment.Allocations)
            {
                applied.Add(new AppliedAmount(allocation.InvoiceId, payment.PaymentDate.Date, allocation.Amount));
            }
        }

        var progress = new Dictionary<string, Progress>(applied.Count == 0 ? 0 : invoices.Count, StringComparer.Ordinal);
        if (applied.Count == 0)
        {
            return new SettlementTracker(progress, asOf);
        }

        foreach (var invoice in invoices)
        {
            progress[invoice.Id] = new Progress(invoice.Amount, 0m, null);
        }

        applied.Sort(ByDate);
        foreach (var item in applied)
        {
            if (progress.TryGetValue(item.InvoiceId, out var current) && current.CompletedOn is null)
            {
                var paid = current.Paid + item.Amount;
                progress[item.InvoiceId] = new Progress(current.Amount, paid, paid >= current.Amount ? item.Date : null);
            }
        }

        return new SettlementTracker(progress, asOf);
    }

    public InvoiceState StateOf(InvoiceRecord invoice)
    {
        if (invoice.SettledDate is { } settled && settled.Date <= asOf)
        {
            return new InvoiceState(0m, settled.Date);
        }

        if (invoice.Amount <= 0)
        {
            // A zero-amount item (fully credited) has nothing to pay: settled the day it was issued.
            return new InvoiceState(0m, invoice.InvoiceDate.Date);
        }

        if (progressByInvoice.TryGetValue(invoice.Id, out var progress) && progress.Paid > 0)
        {
            return progress.CompletedOn is { } completed
                ? new InvoiceState(0m, completed)
                : new InvoiceState(invoice.Amount - progress.Paid, null);
        }

        return new InvoiceState(invoice.Amount, null);
    }

    private readonly record struct Progress(decimal Amount, decimal Paid, DateTime? CompletedOn);

    private readonly record struct AppliedAmount(string InvoiceId, DateTime Date, decimal Amount);
}

internal readonly record struct InvoiceState(decimal OpenAmount, DateTime? SettledOn);
