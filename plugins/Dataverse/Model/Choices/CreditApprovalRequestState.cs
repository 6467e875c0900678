namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapprovalrequest.statecode</c>.</summary>
[ChoiceColumn("cos_creditapprovalrequest", "statecode")]
public enum CreditApprovalRequestState
{
    Active = 0,
    Inactive = 1,
}
