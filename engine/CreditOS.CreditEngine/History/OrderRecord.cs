namespace CreditOS.CreditEngine.History;

/// <summary>
/// A sales order. <paramref name="Currency"/> null means the customer's currency. <paramref name="InvoiceId"/> names the
/// invoice the order became when the source says so (a CSV export of receivables without orders stands each invoice for
/// its order, placed on the invoice date): that invoice is the order's own amount, not exposure before it.
/// </summary>
public sealed record OrderRecord(string Id, DateTime OrderDate, decimal Amount, OrderStatus Status, string Channel, string? Currency = null, string? InvoiceId = null)
{
    public bool IsCompleted => Status is OrderStatus.Invoiced or OrderStatus.Fulfilled;
}
