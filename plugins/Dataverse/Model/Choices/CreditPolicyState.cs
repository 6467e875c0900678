namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditpolicy.statecode</c>.</summary>
[ChoiceColumn("cos_creditpolicy", "statecode")]
public enum CreditPolicyState
{
    Active = 0,
    Inactive = 1,
}
