namespace CreditOS.CreditEngine.Exposure;

/// <summary>
/// A customer's exposure by category, as a plugin reads it from the account row and one or two FetchXML aggregates
/// (<c>sum(open amount)</c> on open receivables, <c>sum(amount)</c> on open orders). Each category can be reported on
/// its own; unapplied credits (cash received not yet matched) reduce exposure but never below zero.
/// Overdue figures come from the same receivable aggregate filtered on due date.
/// </summary>
public sealed record ExposureSnapshot
{
    public required string Currency { get; init; }
    public decimal OpenReceivables { get; init; }
    public decimal OpenOrdersNotInvoiced { get; init; }
    public decimal ShippedNotInvoiced { get; init; }

    /// <summary>Other commitments counted as exposure (guarantees, consignment stock...).</summary>
    public decimal SpecialExposure { get; init; }

    public decimal UnappliedCredits { get; init; }

    /// <summary>Open receivables past their due date.</summary>
    public decimal OverdueAmount { get; init; }

    /// <summary>Open receivables past their due date plus the policy's grace days.</summary>
    public decimal OverdueBeyondGraceAmount { get; init; }

    public int OldestOverdueDays { get; init; }

    public decimal GrossExposure => OpenReceivables + OpenOrdersNotInvoiced + ShippedNotInvoiced + SpecialExposure;

    /// <summary>Exposure counted against the limit: gross exposure less unapplied credits, never negative.</summary>
    public decimal Total => Math.Max(0m, GrossExposure - UnappliedCredits);

    public void Validate()
    {
        Require.CurrencyCode(Currency, "The exposure currency");
        Require.NotNegative(OpenReceivables, "Open receivables");
        Require.NotNegative(OpenOrdersNotInvoiced, "Open orders not invoiced");
        Require.NotNegative(ShippedNotInvoiced, "Shipped but not invoiced");
        Require.NotNegative(SpecialExposure, "Special exposure");
        Require.NotNegative(UnappliedCredits, "Unapplied credits");
        Require.NotNegative(OverdueAmount, "The overdue amount");
        Require.NotNegative(OverdueBeyondGraceAmount, "The overdue amount beyond grace");
        if (OverdueBeyondGraceAmount > OverdueAmount || OverdueAmount > OpenReceivables)
        {
            throw new CreditInputException(
                "Overdue beyond grace (" + MoneyText.Format(Currency, OverdueBeyondGraceAmount) + ") cannot exceed overdue (" + MoneyText.Format(Currency, OverdueAmount)
                + "), which cannot exceed open receivables (" + MoneyText.Format(Currency, OpenReceivables) + ").");
        }

        if (OldestOverdueDays < 0)
        {
            throw new CreditInputException("The age of the oldest overdue item must not be negative.");
        }
    }
}
