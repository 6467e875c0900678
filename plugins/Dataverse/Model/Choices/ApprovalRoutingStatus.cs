namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_approvalrouting.statuscode</c>.</summary>
[ChoiceColumn("cos_approvalrouting", "statuscode")]
public enum ApprovalRoutingStatus
{
    Active = 1,
    Inactive = 2,
}
