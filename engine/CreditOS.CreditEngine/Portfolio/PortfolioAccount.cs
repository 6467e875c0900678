using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>One account's figures for portfolio KPIs. <see cref="CreditSalesInPeriod"/> is invoiced over the DSO period.</summary>
public sealed record PortfolioAccount(
    string CustomerId,
    string Segment,
    string Currency,
    decimal Limit,
    decimal Exposure,
    AgingBalance Aging,
    decimal CreditSalesInPeriod,
    bool IsOnStarterTerms);
