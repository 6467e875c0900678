namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_scoringrule.cos_scoretype</c>.</summary>
[ChoiceColumn("cos_scoringrule", "cos_scoretype")]
public enum ScoringRuleScoreType
{
    Value = 412500000,
    Risk = 412500001,
}
