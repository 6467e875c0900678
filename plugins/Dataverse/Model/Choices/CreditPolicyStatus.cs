namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditpolicy.statuscode</c>.</summary>
[ChoiceColumn("cos_creditpolicy", "statuscode")]
public enum CreditPolicyStatus
{
    Active = 1,
    Inactive = 2,
}
