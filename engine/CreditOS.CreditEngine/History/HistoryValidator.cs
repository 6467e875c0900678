namespace CreditOS.CreditEngine.History;

/// <summary>
/// Rejects histories the engine would otherwise score wrongly, naming the offending record. Messages are built only
/// when something is wrong, so validating a valid history allocates next to nothing.
/// </summary>
public static class HistoryValidator
{
    public static void Validate(CustomerHistory history)
    {
        Require.NotNull(history, "The customer history");
        Require.CurrencyCode(history.Currency, "The currency of customer " + history.CustomerId);
        var invoiceIds = ValidateInvoices(history);
        ValidatePayments(history, invoiceIds);
        foreach (var order in history.Orders)
        {
            if (order.Amount < 0)
            {
                Require.NotNegative(order.Amount, "The amount of order " + order.Id);
            }

            if (IsForeign(order.Currency, history.Currency))
            {
                Require.SameCurrency(order.Currency, history.Currency, "Order " + order.Id);
            }
        }

        foreach (var promise in history.Promises)
        {
            if (promise.Amount < 0)
            {
                Require.NotNegative(promise.Amount, "The amount of promise to pay " + promise.Id);
            }
        }

        foreach (var report in history.BureauReports)
        {
            ValidateBureauReport(report);
        }
    }

    private static bool IsForeign(string? currency, string expected) =>
        currency is not null && !string.Equals(currency, expected, StringComparison.Ordinal);

    private static HashSet<string> ValidateInvoices(CustomerHistory history)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invoice in history.Invoices)
        {
            ValidateInvoice(invoice, ids, history.CustomerId, history.Currency);
        }

        return ids;
    }

    /// <summary>
    /// One invoice's checks; <paramref name="ids"/> holds the ids seen before it. Also used by the running summarizer,
    /// which checks each invoice once, when it becomes known.
    /// </summary>
    internal static void ValidateInvoice(InvoiceRecord invoice, HashSet<string> ids, string customerId, string currency)
    {
        if (!ids.Add(invoice.Id))
        {
            throw new CreditInputException("Invoice " + invoice.Id + " appears twice in the history of customer " + customerId + ".");
        }

        if (invoice.Amount < 0)
        {
            Require.NotNegative(invoice.Amount, "The amount of invoice " + invoice.Id);
        }

        if (IsForeign(invoice.Currency, currency))
        {
            Require.SameCurrency(invoice.Currency, currency, "Invoice " + invoice.Id);
        }

        if (invoice.DueDate < invoice.InvoiceDate)
        {
            throw new CreditInputException(
                "Invoice " + invoice.Id + " is due on " + Require.Day(invoice.DueDate) + ", before its invoice date " + Require.Day(invoice.InvoiceDate) + ".");
        }

        if (invoice.SettledDate is { } settled && settled < invoice.InvoiceDate)
        {
            throw new CreditInputException(
                "Invoice " + invoice.Id + " is marked settled on " + Require.Day(settled) + ", before its invoice date " + Require.Day(invoice.InvoiceDate) + ".");
        }
    }

    private static void ValidatePayments(CustomerHistory history, HashSet<string> invoiceIds)
    {
        foreach (var payment in history.Payments)
        {
            if (payment.Amount < 0)
            {
                Require.NotNegative(payment.Amount, "The amount of payment " + payment.Id);
            }

            if (IsForeign(payment.Currency, history.Currency))
            {
                Require.SameCurrency(payment.Currency, history.Currency, "Payment " + payment.Id);
            }

            var applied = 0m;
            foreach (var allocation in payment.Allocations)
            {
                if (allocation.Amount < 0)
                {
                    Require.NotNegative(allocation.Amount, "The amount payment " + payment.Id + " applies to invoice " + allocation.InvoiceId);
                }

                if (!invoiceIds.Contains(allocation.InvoiceId))
                {
                    throw new CreditInputException("Payment " + payment.Id + " is applied to invoice " + allocation.InvoiceId + ", which is not in the customer's history.");
                }

                applied += allocation.Amount;
            }

            if (applied > payment.Amount)
            {
                throw new CreditInputException(
                    "Payment " + payment.Id + " applies " + MoneyText.Format(history.Currency, applied) + " to invoices but is only " + MoneyText.Format(history.Currency, payment.Amount) + ".");
            }
        }
    }

    private static void ValidateBureauReport(BureauReport report)
    {
        var valid = report.SolvencyScore is >= 0 and <= BureauReport.MaxSolvencyScore
            && report.DaysBeyondTermsScore is >= 0 and <= BureauReport.MaxDaysBeyondTermsScore
            && Enum.IsDefined(typeof(BureauRating), report.Rating)
            && report.Judgments >= 0 && report.LegalProceedings >= 0 && report.Privileges >= 0
            && report.RecommendedCredit is not < 0;
        if (valid)
        {
            return;
        }

        var when = "The bureau report of " + Require.Day(report.ReportDate);
        if (report.SolvencyScore is < 0 or > BureauReport.MaxSolvencyScore)
        {
            throw new CreditInputException(when + " has a solvency score of " + report.SolvencyScore + "; it must be between 0 and 100.");
        }

        if (report.DaysBeyondTermsScore is < 0 or > BureauReport.MaxDaysBeyondTermsScore)
        {
            throw new CreditInputException(when + " has a days-beyond-terms score of " + report.DaysBeyondTermsScore + "; it must be between 0 and 120.");
        }

        if (!Enum.IsDefined(typeof(BureauRating), report.Rating))
        {
            throw new CreditInputException(when + " has an unknown rating; use A to E.");
        }

        if (report.Judgments < 0 || report.LegalProceedings < 0 || report.Privileges < 0)
        {
            throw new CreditInputException(when + " has a negative count of judgments, proceedings or privileges.");
        }

        throw new CreditInputException(when + " has a negative recommended credit.");
    }
}
