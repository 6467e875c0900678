using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Reports;

/// <summary>
/// What the historical payment report is built from: the customer's invoices (with settlement and dispute) and
/// payments, and its score history (scores and limit as they were set). Everything after <see cref="AsOf"/> is ignored.
/// </summary>
public sealed record PaymentHistoryInput
{
    public const int DefaultMonths = 24;

    public required string CustomerName { get; init; }

    public required string Currency { get; init; }

    /// <summary>The report's day: the last month reported is the one containing it.</summary>
    public required DateTime AsOf { get; init; }

    public int Months { get; init; } = DefaultMonths;

    public IReadOnlyList<InvoiceRecord> Invoices { get; init; } = [];

    public IReadOnlyList<PaymentRecord> Payments { get; init; } = [];

    /// <summary>
    /// The policy's early-payment terms (percent off when paid within <see cref="DefaultDiscountDays"/> of the invoice
    /// date), for invoices that state no discount of their own; zero: none offered.
    /// </summary>
    public decimal DefaultDiscountPercent { get; init; }

    public int DefaultDiscountDays { get; init; }

    /// <summary>The customer's scores and limit each time they were set, in any order.</summary>
    public IReadOnlyList<ScoreHistoryPoint> ScoreHistory { get; init; } = [];
}

/// <summary>A score-history entry: the scores and the credit limit set on a day (risk null while not yet scored).</summary>
public sealed record ScoreHistoryPoint(DateTime On, double Value, double? Risk, decimal CreditLimit);
