namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapprovalrequest.cos_approvalstatus</c>.</summary>
[ChoiceColumn("cos_creditapprovalrequest", "cos_approvalstatus")]
public enum CreditApprovalStatus
{
    Pending = 412500000,
    Approved = 412500001,
    Rejected = 412500002,
    Cancelled = 412500003,
    Escalated = 412500004,
    MoreInformationRequested = 412500005,
    InformationProvided = 412500006,
}
