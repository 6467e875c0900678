namespace CreditOS.CreditEngine.Approvals;

/// <summary>Whom an approval authority row applies to; the most specific scope that applies to an approver decides.</summary>
public enum ApprovalAuthorityScope
{
    /// <summary>Every Finance approver without a more specific row (the default the solution ships).</summary>
    EveryApprover = 0,

    /// <summary>The members of a team (an owner team or an Entra group team).</summary>
    Team = 1,

    /// <summary>One user.</summary>
    User = 2,
}
