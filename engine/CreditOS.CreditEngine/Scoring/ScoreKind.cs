namespace CreditOS.CreditEngine.Scoring;

public enum ScoreKind
{
    Value,
    Risk,
}

/// <summary>Which score a factor belongs to.</summary>
public static class ScoringFactorKinds
{
    private const int FirstRiskFactor = 100;

    public static ScoreKind KindOf(this ScoringFactor factor) => (int)factor > FirstRiskFactor ? ScoreKind.Risk : ScoreKind.Value;

    /// <summary>Factors measured in whole numbers (counts, months, a rating): their band points apply as they are, not interpolated.</summary>
    public static bool IsWholeNumber(this ScoringFactor factor) => factor is ScoringFactor.ActiveMonths or ScoringFactor.BrokenPromises
        or ScoringFactor.BureauRating or ScoringFactor.BureauJudgments or ScoringFactor.BureauPrivileges;
}
