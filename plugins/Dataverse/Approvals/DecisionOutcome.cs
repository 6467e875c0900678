namespace CreditOS.Dataverse.Approvals;

/// <summary>What applying a request's decision did.</summary>
public enum DecisionOutcome
{
    /// <summary>The request is still open (pending or escalated): nothing to apply yet.</summary>
    NotDecided = 0,

    /// <summary>The request was already closed (applied before, or cancelled): nothing done again.</summary>
    AlreadyClosed = 1,

    Approved = 2,
    Rejected = 3,
}
