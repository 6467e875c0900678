namespace CreditOS.CreditEngine.Approvals;

/// <summary>
/// One row of the approval authority matrix that applies to an approver: its scope, its name (for messages) and the
/// highest credit exposure, limit or temporary limit it lets them approve, in the organization's base currency.
/// </summary>
public sealed record ApprovalAuthorityGrant(ApprovalAuthorityScope Scope, string Name, decimal Maximum);
