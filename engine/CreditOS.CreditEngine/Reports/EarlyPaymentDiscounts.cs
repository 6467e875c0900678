using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Reports;

/// <summary>
/// The early-payment discount rule of the payment report. An invoice offers a discount when it states one (percent and
/// discount date, from the ERP) or, stating none, when the policy has early-payment terms (percent, and the discount
/// date that many days after the invoice date). A settled invoice that deducted a discount took it; one that offered a
/// discount, took none and was settled after its discount date missed it: the percent of its amount.
/// </summary>
public static class EarlyPaymentDiscounts
{
    /// <summary>The discount the invoice offers (percent, last day); null when it offers none.</summary>
    public static DiscountOffer? Offer(InvoiceRecord invoice, decimal defaultPercent, int defaultDays)
    {
        Require.NotNull(invoice, "The invoice");
        if (invoice.DiscountPercent is { } percent)
        {
            return percent > 0 && invoice.DiscountDate is { } date ? new DiscountOffer(percent, date.Date) : null;
        }

        return defaultPercent > 0 && defaultDays > 0 ? new DiscountOffer(defaultPercent, invoice.InvoiceDate.Date.AddDays(defaultDays)) : null;
    }

    /// <summary>What a settled invoice missed: the offered discount when it was settled after the discount date without taking one; 0 otherwise.</summary>
    public static decimal Missed(InvoiceRecord invoice, decimal defaultPercent, int defaultDays)
    {
        if (invoice.SettledDate is not { } settled || invoice.DiscountTaken > 0 || Offer(invoice, defaultPercent, defaultDays) is not { } offer)
        {
            return 0m;
        }

        return settled.Date > offer.Date ? Math.Round(invoice.Amount * offer.Percent / 100m, 2, MidpointRounding.AwayFromZero) : 0m;
    }
}

/// <summary>An early-payment discount on offer: <see cref="Percent"/> of the invoice amount when paid by <see cref="Date"/>.</summary>
public sealed record DiscountOffer(decimal Percent, DateTime Date);
