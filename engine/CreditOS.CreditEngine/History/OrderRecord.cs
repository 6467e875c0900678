namespace CreditOS.CreditEngine.History;

/// <summary>A sales order. <paramref name="Currency"/> null means the customer's currency.</summary>
public sealed record OrderRecord(string Id, DateTime OrderDate, decimal Amount, OrderStatus Status, string Channel, string? Currency = null)
{
    public bool IsCompleted => Status is OrderStatus.Invoiced or OrderStatus.Fulfilled;
}
