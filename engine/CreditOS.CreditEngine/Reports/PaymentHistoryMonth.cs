namespace CreditOS.CreditEngine.Reports;

/// <summary>
/// One calendar month of the payment report. Payment behaviour is measured on the invoices settled in the month
/// (days to pay from the invoice date, the terms they had, days beyond terms, amount-weighted); the balance,
/// utilization and scores are as they stood at the month's end. Early-payment discounts are counted in the month the
/// invoice was settled: taken (the amount the customer deducted) and missed (an invoice offering a discount settled after
/// its discount date, with the discount it would have had).
/// </summary>
public sealed record PaymentHistoryMonth(
    DateTime Month,
    int InvoicesIssued,
    decimal AmountInvoiced,
    int PaymentsReceived,
    decimal AmountPaid,
    int InvoicesSettled,
    double? AverageDaysToPay,
    double? AverageTermsDays,
    double? AverageDaysBeyondTerms,
    double? OnTimeShare,
    int DisputedInvoices,
    decimal OpenAtMonthEnd,
    decimal? CreditLimit,
    double? Utilization,
    double? RiskScore,
    double? ValueScore,
    decimal DiscountsTaken = 0m,
    int DiscountsMissed = 0,
    decimal DiscountsMissedAmount = 0m)
{
    /// <summary>"2025-03".</summary>
    public string Label => Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
