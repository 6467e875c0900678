namespace CreditOS.Bureau;

/// <summary>
/// The criteria creditOS reads from a company credit report (<c>GET /companies/{connectId}</c>), validated against
/// the bureau's own scales. The full report carries far more (directors, financial statements, group structure);
/// integration/README.md lists what is read and what is left out.
/// </summary>
public sealed record BureauCreditReport(
    string ConnectId,
    string CompanyName,
    string Country,
    string? RegistrationNumber,
    string? VatNumber,
    string InternationalRating,
    string? RatingDescription,
    int SolvencyScore,
    decimal RecommendedCredit,
    string Currency,
    int? DaysBeyondTerms,
    int JudgmentCount,
    decimal JudgmentValue,
    int PrivilegeCount,
    DateOnly ReportDate,
    string? CorrelationId)
{
    /// <summary>The international score bands, best first.</summary>
    public static IReadOnlyList<string> RatingBands { get; } = ["A", "B", "C", "D", "E"];

    public bool HasJudgment => JudgmentCount > 0;

    public bool HasPrivilege => PrivilegeCount > 0;
}
