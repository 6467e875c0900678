namespace CreditOS.CreditEngine.History;

/// <summary>International credit rating on the bureau report, A best.</summary>
public enum BureauRating
{
    A = 1,
    B = 2,
    C = 3,
    D = 4,
    E = 5,
}

/// <summary>
/// An external credit bureau report. Solvency 0-100 (100 best), days-beyond-terms score 0-120,
/// judgments and legal proceedings, privileges (tax or social liens).
/// </summary>
public sealed record BureauReport(
    DateTime ReportDate,
    int SolvencyScore,
    BureauRating Rating,
    decimal? RecommendedCredit,
    int DaysBeyondTermsScore,
    int Judgments,
    int LegalProceedings,
    int Privileges)
{
    public const int MaxSolvencyScore = 100;
    public const int MaxDaysBeyondTermsScore = 120;

    public bool HasJudgmentOrProceeding => Judgments > 0 || LegalProceedings > 0;
}
