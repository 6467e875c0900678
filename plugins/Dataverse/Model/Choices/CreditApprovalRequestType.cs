namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapprovalrequest.cos_requesttype</c>.</summary>
[ChoiceColumn("cos_creditapprovalrequest", "cos_requesttype")]
public enum CreditApprovalRequestType
{
    Order = 412500000,
    InitialLimit = 412500001,
    LimitIncrease = 412500002,

    /// <summary>A limit a rescoring computed that may not replace the current one without Finance (a large cut, a cut below exposure, a large increase).</summary>
    LimitReview = 412500003,

    /// <summary>A higher group limit (cos_grouplimit) on the account that holds a credit group for its subsidiaries; always decided by Finance.</summary>
    GroupLimitIncrease = 412500004,
}
