namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_credittier.statecode</c>.</summary>
[ChoiceColumn("cos_credittier", "statecode")]
public enum CreditTierState
{
    Active = 0,
    Inactive = 1,
}
