using System.Globalization;

namespace CreditOS.CreditEngine.Policies;

/// <summary>Writes payment terms the way finance people read them.</summary>
public static class PaymentTermsText
{
    public static string Describe(CreditPolicy policy)
    {
        if (policy.RequiresPrepayment && policy.PaymentTermsDays == 0)
        {
            return "Prepayment";
        }

        var net = "Net " + policy.PaymentTermsDays.ToString(CultureInfo.InvariantCulture);
        return policy.EarlyPaymentDiscountPercent > 0 && policy.EarlyPaymentDiscountDays > 0
            ? policy.EarlyPaymentDiscountPercent.ToString("0.##", CultureInfo.InvariantCulture) + "/"
                + policy.EarlyPaymentDiscountDays.ToString(CultureInfo.InvariantCulture) + " " + net.ToLowerInvariant()
            : net;
    }

    /// <summary>Due date of an invoice under the policy: invoice date + net days.</summary>
    public static DateTime DueDate(CreditPolicy policy, DateTime invoiceDate) => invoiceDate.Date.AddDays(policy.PaymentTermsDays);
}
