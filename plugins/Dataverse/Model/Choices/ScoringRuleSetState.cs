namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_scoringruleset.statecode</c>.</summary>
[ChoiceColumn("cos_scoringruleset", "statecode")]
public enum ScoringRuleSetState
{
    Active = 0,
    Inactive = 1,
}
