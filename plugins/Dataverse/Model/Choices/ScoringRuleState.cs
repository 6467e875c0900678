namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_scoringrule.statecode</c>.</summary>
[ChoiceColumn("cos_scoringrule", "statecode")]
public enum ScoringRuleState
{
    Active = 0,
    Inactive = 1,
}
