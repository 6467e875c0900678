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
}
