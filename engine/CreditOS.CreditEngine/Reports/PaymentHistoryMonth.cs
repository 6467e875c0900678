namespace CreditOS.CreditEngine.Reports;

/// <summary>
/// One calendar month of the payment report. Payment behaviour is measured on the invoices settled in the month
/// (days to pay from the invoice date, the terms they had, days beyond terms, amount-weighted); the balance,
/// utilization and scores are as they stood at the month's end.
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
    double? ValueScore)
{
    /// <summary>"2025-03".</summary>
    public string Label => Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
