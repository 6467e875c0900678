namespace CreditOS.CreditEngine.Policies;

public enum ApprovalRequirement
{
    /// <summary>Finance approves only orders that take the customer over the limit.</summary>
    OverLimitOnly,

    /// <summary>Finance approves every order of a customer on this policy.</summary>
    EveryOrder,
}
