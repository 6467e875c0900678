using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Policies;

/// <summary>The limit a policy grants, with the steps that produced it in words.</summary>
public static class CreditLimitCalculator
{
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

        var fromRevenue = decimal.Round(summary.Revenue12Months * policy.TrailingRevenueShare, 2, MidpointRounding.AwayFromZero);
        var limit = Math.Max(policy.BaseLimit, fromRevenue);
        var explanation = fromRevenue > policy.BaseLimit
            ? MoneyText.Percent((double)policy.TrailingRevenueShare) + " of 12-month revenue (" + MoneyText.Format(currency, fromRevenue) + ")"
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
}

public sealed record CreditLimitResult(decimal Limit, string Explanation);
