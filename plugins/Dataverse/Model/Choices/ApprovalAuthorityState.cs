namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_approvalauthority.statecode</c>.</summary>
[ChoiceColumn("cos_approvalauthority", "statecode")]
public enum ApprovalAuthorityState
{
    Active = 0,
    Inactive = 1,
}
