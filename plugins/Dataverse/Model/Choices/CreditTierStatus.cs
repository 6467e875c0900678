namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_credittier.statuscode</c>.</summary>
[ChoiceColumn("cos_credittier", "statuscode")]
public enum CreditTierStatus
{
    Active = 1,
    Inactive = 2,
}
