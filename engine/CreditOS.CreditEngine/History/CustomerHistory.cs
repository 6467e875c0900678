namespace CreditOS.CreditEngine.History;

/// <summary>Everything the engine may know about one customer; the evaluation date is passed separately.</summary>
public sealed record CustomerHistory
{
    public required string CustomerId { get; init; }

    /// <summary>The currency the customer's credit is kept in; every amount must be in it.</summary>
    public required string Currency { get; init; }

    public CustomerSegment Segment { get; init; } = CustomerSegment.Unassigned;
    public IReadOnlyList<OrderRecord> Orders { get; init; } = [];
    public IReadOnlyList<InvoiceRecord> Invoices { get; init; } = [];
    public IReadOnlyList<PaymentRecord> Payments { get; init; } = [];
    public IReadOnlyList<PromiseToPay> Promises { get; init; } = [];
    public IReadOnlyList<BureauReport> BureauReports { get; init; } = [];
    public CustomerFlags Flags { get; init; } = CustomerFlags.None;
}
