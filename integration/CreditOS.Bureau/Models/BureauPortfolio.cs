namespace CreditOS.Bureau;

/// <summary>A monitoring portfolio: the companies whose changes the bureau reports as notification events.</summary>
public sealed record BureauPortfolio(long PortfolioId, string Name, bool IsDefault, int CompanyCount);

/// <summary>A company in a monitoring portfolio.</summary>
public sealed record PortfolioCompany(string ConnectId, string Name, string Country, string? PersonalReference, DateTimeOffset? DateAdded);
