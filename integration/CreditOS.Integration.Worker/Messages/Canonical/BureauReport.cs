namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>A credit bureau's report on one customer.</summary>
public sealed record BureauReport(
    string Bureau,
    string ExternalId,
    string CustomerNumber,
    int SolvencyScore,
    string Rating,
    decimal RecommendedCredit,
    int? DaysBeyondTerms,
    bool HasJudgment,
    bool HasLien,
    DateOnly ReportDate);
