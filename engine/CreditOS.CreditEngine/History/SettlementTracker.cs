namespace CreditOS.CreditEngine.History;

/// <summary>Open amount and settlement date of each invoice as they stood on the evaluation date.</summary>
internal sealed class SettlementTracker
{
    private readonly Dictionary<string, List<AppliedAmount>> allocationsByInvoice;
    private readonly DateTime asOf;

    private SettlementTracker(Dictionary<string, List<AppliedAmount>> allocationsByInvoice, DateTime asOf)
    {
        this.allocationsByInvoice = allocationsByInvoice;
        this.asOf = asOf;
    }

    public static SettlementTracker Build(IReadOnlyList<PaymentRecord> payments, DateTime asOf)
    {
        var byInvoice = new Dictionary<string, List<AppliedAmount>>(StringComparer.Ordinal);
        foreach (var payment in payments)
        {
            if (payment.PaymentDate.Date > asOf)
            {
                continue;
            }

            foreach (var allocation in payment.Allocations)
            {
                if (!byInvoice.TryGetValue(allocation.InvoiceId, out var list))
                {
                    list = [];
                    byInvoice.Add(allocation.InvoiceId, list);
                }

                list.Add(new AppliedAmount(payment.PaymentDate.Date, allocation.Amount));
            }
        }

        foreach (var list in byInvoice.Values)
        {
            list.Sort((a, b) => a.Date.CompareTo(b.Date));
        }

        return new SettlementTracker(byInvoice, asOf);
    }

    public InvoiceState StateOf(InvoiceRecord invoice)
    {
        DateTime? settledOn = invoice.SettledDate is { } settled && settled.Date <= asOf ? settled.Date : null;
        if (settledOn is not null)
        {
            return new InvoiceState(0m, settledOn);
        }

        var open = invoice.Amount;
        if (open <= 0)
        {
            // A zero-amount item (fully credited) has nothing to pay: settled the day it was issued.
            return new InvoiceState(0m, invoice.InvoiceDate.Date);
        }

        if (allocationsByInvoice.TryGetValue(invoice.Id, out var allocations))
        {
            foreach (var applied in allocations)
            {
                open -= applied.Amount;
                if (open <= 0)
                {
                    return new InvoiceState(0m, applied.Date);
                }
            }
        }

        return new InvoiceState(open, null);
    }
}

internal readonly record struct InvoiceState(decimal OpenAmount, DateTime? SettledOn);

internal readonly record struct AppliedAmount(DateTime Date, decimal Amount);
