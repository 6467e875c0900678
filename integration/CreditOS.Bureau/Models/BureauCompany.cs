namespace CreditOS.Bureau;

/// <summary>One company as a search returns it; <see cref="ConnectId"/> identifies it in every other call.</summary>
public sealed record BureauCompany(
    string ConnectId,
    string Name,
    string Country,
    string? RegistrationNumber,
    string? VatNumber,
    string? Status,
    string? Address);

/// <summary>One page of a company search.</summary>
public sealed record CompanySearchPage(IReadOnlyList<BureauCompany> Companies, int Page, int PageSize, int TotalSize)
{
    public bool HasMore => Page * PageSize < TotalSize && Companies.Count > 0;
}
