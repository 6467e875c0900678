namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// One credit group an account belongs to: an account up its corporate hierarchy (<c>parentaccountid</c>, Dataverse's
/// hierarchical relationship), itself included, holding a group limit (<c>cos_grouplimit</c>) shared with everything
/// under it at any depth. An account belongs to every such group above it (see <see cref="CreditGroups"/>).
/// </summary>
public sealed record CreditGroupMembership(Guid GroupParentId, string GroupName, decimal GroupLimit)
{
    /// <summary>Whether <paramref name="accountId"/> heads this group (its lock is then already held).</summary>
    public bool IsHeadedBy(Guid accountId) => GroupParentId == accountId;
}
