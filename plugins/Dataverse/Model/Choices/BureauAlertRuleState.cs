namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_bureaualertrule.statecode</c>.</summary>
[ChoiceColumn("cos_bureaualertrule", "statecode")]
public enum BureauAlertRuleState
{
    Active = 0,
    Inactive = 1,
}
