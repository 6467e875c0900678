namespace CreditOS.CreditEngine.Limits;

/// <summary>
/// The limit to put in force after a rescoring, and the limit review Finance must decide when the computed limit may
/// not replace the current one on its own.
/// </summary>
public sealed record LimitChangeDecision(decimal LimitInForce, LimitRecommendation? Review, string Explanation)
{
    public bool NeedsReview => Review is not null;
}
