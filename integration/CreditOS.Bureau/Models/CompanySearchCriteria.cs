namespace CreditOS.Bureau;

/// <summary>
/// A company search: the country plus at least one of registration number, VAT number or name (the bureau's
/// <c>GET /companies</c> criteria <c>countries</c>, <c>regNo</c>, <c>vatNo</c>, <c>name</c>).
/// </summary>
public sealed record CompanySearchCriteria(string Country, string? RegistrationNumber = null, string? VatNumber = null, string? Name = null)
{
    /// <summary>Why the criteria cannot be sent, or null when they can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Country) || Country.Trim().Length != 2)
        {
            return $"The country '{Country}' must be an ISO 3166 two-letter code.";
        }

        return string.IsNullOrWhiteSpace(RegistrationNumber) && string.IsNullOrWhiteSpace(VatNumber) && string.IsNullOrWhiteSpace(Name)
            ? "A company search needs a registration number, a VAT number or a name besides the country."
            : null;
    }

    public override string ToString() =>
        string.Join(", ", new[] { $"country {Country}", RegistrationNumber is null ? null : $"registration number {RegistrationNumber}", VatNumber is null ? null : $"VAT {VatNumber}", Name is null ? null : $"name '{Name}'" }.Where(part => part is not null));
}
