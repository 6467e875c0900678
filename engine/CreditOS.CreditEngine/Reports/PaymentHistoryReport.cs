namespace CreditOS.CreditEngine.Reports;

/// <summary>
/// The historical payment report for term negotiation: month by month over the period, and the period's figures:
/// on-time share, average days beyond terms and its trend (days per month, least squares over the months with
/// settlements: positive means paying later and later), disputes, invoiced and paid totals.
/// Early-payment discounts: taken (amount) and missed (count and amount) over the period, month by month in
/// <see cref="PaymentHistoryMonth"/> (<see cref="EarlyPaymentDiscounts"/> holds the rule).
/// </summary>
public sealed record PaymentHistoryReport(
    string CustomerName,
    string Currency,
    DateTime AsOf,
    IReadOnlyList<PaymentHistoryMonth> Months,
    int InvoicesIssued,
    decimal AmountInvoiced,
    decimal AmountPaid,
    int InvoicesSettled,
    double? OnTimeShare,
    double? AverageDaysToPay,
    double? AverageDaysBeyondTerms,
    double? DaysBeyondTermsTrendPerMonth,
    int DisputedInvoices,
    decimal OpenNow,
    decimal OverdueNow,
    decimal DiscountsTaken = 0m,
    int DiscountsMissed = 0,
    decimal DiscountsMissedAmount = 0m)
{
    public string Money(decimal amount) => MoneyText.Format(Currency, amount);

    /// <summary>The trend in words: "paying 1.4 days later each month", "steady", or "not enough settled months".</summary>
    public string TrendText => DaysBeyondTermsTrendPerMonth switch
    {
        null => "not enough months with settlements to tell",
        { } slope when Math.Abs(slope) < SteadyWithin => "steady",
        { } slope when slope > 0 => "paying " + MoneyText.Number(slope, "0.0") + " days later each month",
        { } slope => "paying " + MoneyText.Number(-slope, "0.0") + " days sooner each month",
    };

    /// <summary>Below a tenth of a day per month the trend is called steady.</summary>
    public const double SteadyWithin = 0.1;
}
