namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_scoringruleset.statuscode</c>.</summary>
[ChoiceColumn("cos_scoringruleset", "statuscode")]
public enum ScoringRuleSetStatus
{
    Active = 1,
    Inactive = 2,
}
