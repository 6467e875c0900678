namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_scoringrule.statuscode</c>.</summary>
[ChoiceColumn("cos_scoringrule", "statuscode")]
public enum ScoringRuleStatus
{
    Active = 1,
    Inactive = 2,
}
