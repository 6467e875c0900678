namespace CreditOS.Bureau.Wire;

internal sealed record PortfolioListResponse(List<WirePortfolio>? Portfolios, int? TotalCount);

internal sealed record WirePortfolio(long? PortfolioId, string? Name, bool? IsDefault, int? CompanyCount);

internal sealed record CreatePortfolioRequest(string Name, bool IsDefault);

internal sealed record AddCompanyRequest(string Id, string? PersonalReference, string? FreeText);

internal sealed record PortfolioCompaniesResponse(List<WirePortfolioCompany>? Companies, int? TotalCount);

internal sealed record WirePortfolioCompany(string? Id, string? Name, string? CountryCode, string? PersonalReference, DateTimeOffset? DateAdded);

internal sealed record NotificationEventsResponse(int? TotalCount, List<WireNotificationEvent>? Data, WirePaging? Paging);

internal sealed record WireNotificationEvent(WireEventCompany? Company, long? EventId, DateTimeOffset? EventDate, string? NewValue, string? OldValue, string? RuleCode, string? RuleName);

internal sealed record WireEventCompany(string? Id, string? SafeNumber, string? Name, string? CountryCode, long? PortfolioId);

internal sealed record WirePaging(int? Size, int? Prev, int? Next, int? Last);
