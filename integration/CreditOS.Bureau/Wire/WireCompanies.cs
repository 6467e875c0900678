namespace CreditOS.Bureau.Wire;

internal sealed record CompanySearchResponse(string? CorrelationId, int? TotalSize, List<CompanySearchItem>? Companies);

internal sealed record CompanySearchItem(string? Id, string? Country, string? RegNo, string? VatNo, string? SafeNo, string? Name, WireAddress? Address, string? Status, string? Type);

internal sealed record WireAddress(string? SimpleValue, string? City, string? PostCode);
