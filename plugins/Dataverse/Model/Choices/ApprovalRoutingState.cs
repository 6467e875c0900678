namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_approvalrouting.statecode</c>.</summary>
[ChoiceColumn("cos_approvalrouting", "statecode")]
public enum ApprovalRoutingState
{
    Active = 0,
    Inactive = 1,
}
