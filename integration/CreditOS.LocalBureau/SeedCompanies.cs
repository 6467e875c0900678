namespace CreditOS.LocalBureau;

/// <summary>
/// The companies the local bureau starts with: fictional, one per risk profile, plus two sharing a name (an ambiguous
/// name search). Registration and VAT numbers follow the countries' formats but belong to no real company.
/// </summary>
public static class SeedCompanies
{
    public static IReadOnlyList<LocalCompany> All() =>
    [
        new() { ConnectId = "DE-X-HRB100001", Name = "Nordwind Maschinenbau GmbH", Country = "DE", RegistrationNumber = "HRB100001", VatNumber = "DE100000001", Address = "Hafenstraße 1, 20457 Hamburg", Rating = "A", Score = 88, RecommendedCredit = 250_000m, DaysBeyondTerms = 2 },
        new() { ConnectId = "DE-X-HRB100002", Name = "Alpenblick Handels AG", Country = "DE", RegistrationNumber = "HRB100002", VatNumber = "DE100000002", Address = "Marienplatz 2, 80331 München", Rating = "B", Score = 71, RecommendedCredit = 120_000m, DaysBeyondTerms = 6 },
        new() { ConnectId = "DE-X-HRB100003", Name = "Rheinland Logistik GmbH", Country = "DE", RegistrationNumber = "HRB100003", VatNumber = "DE100000003", Address = "Rheinufer 3, 50668 Köln", Rating = "C", Score = 48, RecommendedCredit = 40_000m, DaysBeyondTerms = 14 },
        new() { ConnectId = "DE-X-HRB100004", Name = "Spreewald Bau KG", Country = "DE", RegistrationNumber = "HRB100004", VatNumber = "DE100000004", Address = "Lindenweg 4, 03046 Cottbus", Rating = "D", Score = 27, RecommendedCredit = 8_000m, DaysBeyondTerms = 38 },
        new() { ConnectId = "NL-X-80000005", Name = "Polder Foods B.V.", Country = "NL", RegistrationNumber = "80000005", VatNumber = "NL800000005B01", Address = "Dijkweg 5, 1012 AB Amsterdam", Rating = "B", Score = 66, RecommendedCredit = 90_000m, DaysBeyondTerms = 4 },
        new() { ConnectId = "GB-X-09000006", Name = "Thames Components Ltd", Country = "GB", RegistrationNumber = "09000006", VatNumber = "GB900000006", Address = "6 Wharf Road, London N1 7GR", Rating = "C", Score = 52, RecommendedCredit = 60_000m, Currency = "GBP", DaysBeyondTerms = 9 },
        new() { ConnectId = "DE-X-HRB100007", Name = "Hanse Trading GmbH", Country = "DE", RegistrationNumber = "HRB100007", VatNumber = "DE100000007", Address = "Speicherstadt 7, 20457 Hamburg", Rating = "B", Score = 69, RecommendedCredit = 75_000m, DaysBeyondTerms = 5 },
        new() { ConnectId = "DE-X-HRB100008", Name = "Hanse Trading GmbH", Country = "DE", RegistrationNumber = "HRB100008", VatNumber = "DE100000008", Address = "Domplatz 8, 23552 Lübeck", Rating = "C", Score = 45, RecommendedCredit = 30_000m, DaysBeyondTerms = 12 },
    ];
}
