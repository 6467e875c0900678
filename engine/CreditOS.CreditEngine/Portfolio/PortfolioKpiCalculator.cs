using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>Computes <see cref="PortfolioKpis"/>; all accounts must be in one reporting currency.</summary>
public static class PortfolioKpiCalculator
{
    public const int DefaultDsoPeriodDays = 90;

    public static PortfolioKpis Calculate(IReadOnlyList<PortfolioAccount> accounts, IReadOnlyList<OrderCheckRecord> orderChecks, int dsoPeriodDays = DefaultDsoPeriodDays)
    {
        Require.NotNull(accounts, "The portfolio accounts");
        Require.NotNull(orderChecks, "The order checks");
        if (dsoPeriodDays <= 0)
        {
            throw new CreditInputException("The DSO period must be at least one day (got " + dsoPeriodDays + ").");
        }

        var currency = accounts.Count > 0 ? accounts[0].Currency : string.Empty;
        decimal totalLimit = 0, limitedExposure = 0, totalExposure = 0, sales = 0;
        var aging = AgingBalance.Empty;
        var starters = 0;
        var bands = UtilizationBands.Empty;
        var segments = new SortedDictionary<string, SegmentUtilization>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            Require.SameCurrency(account.Currency, currency, "Account " + account.CustomerId);
            Require.NotNegative(account.Limit, "The limit of account " + account.CustomerId);
            Require.NotNegative(account.Exposure, "The exposure of account " + account.CustomerId);
            Require.NotNegative(account.CreditSalesInPeriod, "The credit sales of account " + account.CustomerId);
            totalExposure += account.Exposure;
            if (account.Limit > 0)
            {
                totalLimit += account.Limit;
                limitedExposure += account.Exposure;
                bands = bands.Add((double)(account.Exposure / account.Limit));
                var segment = segments.TryGetValue(account.Segment, out var known) ? known : new SegmentUtilization(account.Segment, 0, 0, 0);
                segments[account.Segment] = segment with { Accounts = segment.Accounts + 1, TotalLimit = segment.TotalLimit + account.Limit, Exposure = segment.Exposure + account.Exposure };
            }

            sales += account.CreditSalesInPeriod;
            aging = aging.Add(account.Aging);
            starters += account.IsOnStarterTerms ? 1 : 0;
        }

        return new PortfolioKpis
        {
            Currency = currency,
            AccountCount = accounts.Count,
            TotalLimit = totalLimit,
            TotalExposure = totalExposure,
            UtilizationRate = totalLimit > 0 ? (double)(limitedExposure / totalLimit) : 0,
            RejectionRates = RejectionRates(orderChecks),
            DaysSalesOutstanding = sales > 0 ? (double)(aging.Total / sales) * dsoPeriodDays : null,
            DsoPeriodDays = dsoPeriodDays,
            AgingTotals = aging,
            StarterTermsShare = accounts.Count > 0 ? (double)starters / accounts.Count : 0,
            SegmentUtilizations = segments.Values.ToList(),
            UtilizationBands = bands,
        };
    }

    private static IReadOnlyList<SegmentRejectionRate> RejectionRates(IReadOnlyList<OrderCheckRecord> checks) =>
        checks
            .GroupBy(c => c.Segment, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SegmentRejectionRate(
                g.Key,
                g.Count(),
                g.Count(c => c.Outcome is DecisionOutcome.Block or DecisionOutcome.Suspended),
                g.Count(c => c.Outcome == DecisionOutcome.RequireApproval),
                g.Count(c => c.Outcome == DecisionOutcome.AwaitPrepayment)))
            .ToList();
}
