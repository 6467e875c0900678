using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// The limit a policy grants, from the customer's purchase volume and payment capacity, with the steps in words:
/// <code>
/// expected peak exposure = average monthly sales × (terms days + usual days beyond terms + order-to-invoice days) / 30
/// limit = max(base limit, expected peak exposure × headroom), at most the hard cap and the bureau's recommended credit
/// </code>
/// A customer who buys a steady volume owes, at its peak, everything ordered but not yet invoiced plus everything
/// invoiced and not yet paid: that is the sales of the whole cycle from order to cash. The limit covers that cycle
/// with the tier's headroom on top (seasonal peaks, a larger order), so a customer in good standing buys its normal
/// volume without Finance. Terms are the policy's, or the customer's invoiced terms when longer. Days beyond terms count up to the terms themselves: a customer that pays later than
/// that is handled by its Risk score and tier, not rewarded with a larger limit. A Finance-approved limit replaces it.
/// </summary>
public static class CreditLimitCalculator
{
    private const decimal DaysPerMonth = 30m;
    private const int MonthsAveraged = 12;
    private const decimal RoundingStep = 100m;

    public static CreditLimitResult Calculate(CreditPolicy policy, HistorySummary summary, AccountCreditContext context)
    {
        Require.NotNull(policy, "The credit policy");
        Require.NotNull(summary, "The history summary");
        Require.NotNull(context, "The account credit context");
        var currency = summary.Currency;
        if (context.FinanceApprovedLimit is { } approved)
        {
            Require.NotNegative(approved, "The Finance-approved limit");
            return new CreditLimitResult(approved, "limit " + MoneyText.Format(currency, approved) + " set by Finance");
        }

        var peak = ExpectedPeakExposure.Of(policy, summary);
        var fromVolume = RoundUp(peak.Amount * policy.LimitHeadroom);
        var limit = Math.Max(policy.BaseLimit, fromVolume);
        var explanation = fromVolume > policy.BaseLimit
            ? peak.Describe(currency) + " × headroom " + policy.LimitHeadroom.ToString("0.##", CultureInfo.InvariantCulture)
            : "base limit " + MoneyText.Format(currency, policy.BaseLimit) + " of policy " + policy.Name;
        if (limit > policy.HardCap)
        {
            limit = policy.HardCap;
            explanation += ", capped at " + MoneyText.Format(currency, policy.HardCap);
        }

        if (summary.LatestBureauReport?.RecommendedCredit is { } recommended && limit > recommended)
        {
            limit = recommended;
            explanation += ", held to the bureau's recommended credit " + MoneyText.Format(currency, recommended);
        }

        return new CreditLimitResult(limit, explanation);
    }

    private static decimal RoundUp(decimal amount) => Math.Ceiling(amount / RoundingStep) * RoundingStep;

    /// <summary>The exposure a customer reaches at the peak of its order-to-cash cycle, with the figures behind it.</summary>
    public sealed record ExpectedPeakExposure(decimal AverageMonthlySales, int TermsDays, int DaysBeyondTerms, int OrderToInvoiceDays)
    {
        public int CycleDays => TermsDays + DaysBeyondTerms + OrderToInvoiceDays;

        public decimal Amount => AverageMonthlySales * CycleDays / DaysPerMonth;

        /// <summary>
        /// Average monthly sales over the last 12 complete months (over the months of history when shorter), the
        /// terms (the policy's, or the longer terms the customer's invoices of the last 12 months actually carried,
        /// weighted by amount: an ERP that bills a customer on net 60 keeps its invoices open 60 days whatever the
        /// tier's policy says), the policy's order-to-invoice lead time, and the customer's amount-weighted days beyond
        /// terms over the last 12 months (0 to the terms days).
        /// </summary>
        public static ExpectedPeakExposure Of(CreditPolicy policy, HistorySummary summary)
        {
            Require.NotNull(policy, "The credit policy");
            Require.NotNull(summary, "The history summary");
            var months = Math.Min(MonthsAveraged, Math.Max(1, summary.MonthsOfHistory));
            var average = summary.Revenue12Months / months;
            var beyond = summary.Last12Months.AmountWeightedDaysLate is { } late ? (int)Math.Round(Math.Max(0, late), MidpointRounding.AwayFromZero) : 0;
            var invoicedTerms = summary.Last12Months.AmountWeightedTermsDays is { } invoiced ? (int)Math.Round(invoiced, MidpointRounding.AwayFromZero) : 0;
            var terms = Math.Max(policy.PaymentTermsDays, invoicedTerms);
            return new ExpectedPeakExposure(decimal.Round(average, 2), terms, Math.Min(beyond, terms), policy.OrderToInvoiceDays);
        }

        public string Describe(string currency) =>
            "expected peak exposure " + MoneyText.Format(currency, decimal.Round(Amount, 2)) + " (average monthly sales " + MoneyText.Format(currency, AverageMonthlySales)
            + " × (" + TermsDays.ToString(CultureInfo.InvariantCulture) + " terms + " + DaysBeyondTerms.ToString(CultureInfo.InvariantCulture) + " usual days beyond terms + "
            + OrderToInvoiceDays.ToString(CultureInfo.InvariantCulture) + " order-to-invoice days) / 30)";
    }
}

public sealed record CreditLimitResult(decimal Limit, string Explanation);
