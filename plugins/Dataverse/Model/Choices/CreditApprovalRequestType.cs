namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapprovalrequest.cos_requesttype</c>.</summary>
[ChoiceColumn("cos_creditapprovalrequest", "cos_requesttype")]
public enum CreditApprovalRequestType
{
    Order = 412500000,
    InitialLimit = 412500001,
    LimitIncrease = 412500002,
}
