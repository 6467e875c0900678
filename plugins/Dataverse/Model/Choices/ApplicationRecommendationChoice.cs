namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapplication.cos_recommendation</c>.</summary>
[ChoiceColumn("cos_creditapplication", "cos_recommendation")]
public enum ApplicationRecommendationChoice
{
    Grant = 412500000,
    Decline = 412500001,
}
