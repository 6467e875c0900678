namespace CreditOS.CreditEngine.Applications;

/// <summary>What the assessment recommends to Finance.</summary>
public enum ApplicationRecommendation
{
    /// <summary>Grant <see cref="CreditApplicationAssessment.RecommendedLimit"/> on <see cref="CreditApplicationAssessment.RecommendedTermsDays"/>.</summary>
    Grant = 1,

    /// <summary>No credit: the customer stays on starter (prepayment) terms.</summary>
    Decline = 2,
}

/// <summary>One measured part of the creditworthiness score: points 0–100 and the weight they carried.</summary>
public sealed record ApplicationFactor(string Name, decimal Points, decimal Weight);

/// <summary>The engine's assessment of a credit application, with the reasons in plain words.</summary>
public sealed record CreditApplicationAssessment(
    ApplicationRecommendation Recommendation,
    decimal Creditworthiness,
    decimal RecommendedLimit,
    int RecommendedTermsDays,
    IReadOnlyList<ApplicationFactor> Factors,
    IReadOnlyList<string> Reasons)
{
    /// <summary>"Grant USD 20,000.00 on net 30" or "Decline".</summary>
    public string Summary(string currency) => Recommendation == ApplicationRecommendation.Grant
        ? "Grant " + MoneyText.Format(currency, RecommendedLimit) + " on net " + RecommendedTermsDays
        : "Decline (starter terms: prepayment)";

    /// <summary>The reasons, one per line, as the application and the approval request show them.</summary>
    public string ReasonText => string.Join("\n", Reasons);
}
