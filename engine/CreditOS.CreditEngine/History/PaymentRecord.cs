namespace CreditOS.CreditEngine.History;

/// <summary>A payment posting and the invoices it was applied to.</summary>
public sealed record PaymentRecord(string Id, DateTime PaymentDate, decimal Amount, IReadOnlyList<PaymentAllocation> Allocations, string? Currency = null);

/// <summary>Part of a payment applied to one invoice.</summary>
public sealed record PaymentAllocation(string InvoiceId, decimal Amount);
