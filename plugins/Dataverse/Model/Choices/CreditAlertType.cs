namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditalert.cos_alerttype</c>.</summary>
[ChoiceColumn("cos_creditalert", "cos_alerttype")]
public enum CreditAlertType
{
    UtilizationThreshold = 412500000,
    OverdueBalance = 412500001,
    TierDowngrade = 412500002,
    BureauDeterioration = 412500003,
}
