namespace CreditOS.CreditEngine.Limits;

public enum LimitAdjustmentDirection
{
    Keep,
    Raise,
    Lower,
}

/// <summary>A recommended limit change, whether Finance must approve it, and why.</summary>
public sealed record LimitRecommendation(LimitAdjustmentDirection Direction, decimal CurrentLimit, decimal RecommendedLimit, bool RequiresFinanceApproval, string Reason)
{
    public decimal Change => RecommendedLimit - CurrentLimit;
}
