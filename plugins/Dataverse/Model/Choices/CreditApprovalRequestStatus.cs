namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapprovalrequest.statuscode</c>.</summary>
[ChoiceColumn("cos_creditapprovalrequest", "statuscode")]
public enum CreditApprovalRequestStatus
{
    Active = 1,
    Inactive = 2,
}
