namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Which credit group an account belongs to: a parent account (<c>parentaccountid</c>) holding a group limit
/// (<c>cos_grouplimit</c>) shares it with its direct subsidiaries; an account with a group limit of its own heads its
/// group (also when its parent has one: the nearest group limit applies). No group limit on either: no group.
/// </summary>
public sealed record CreditGroupMembership(Guid GroupParentId, string GroupName, decimal GroupLimit)
{
    public static CreditGroupMembership? Of(Guid accountId, string accountName, decimal? ownGroupLimit, Guid? parentId, string? parentName, decimal? parentGroupLimit)
    {
        if (ownGroupLimit is { } own)
        {
            return new CreditGroupMembership(accountId, accountName, own);
        }

        return parentId is { } parent && parentGroupLimit is { } shared ? new CreditGroupMembership(parent, parentName ?? parent.ToString(), shared) : null;
    }

    /// <summary>Whether <paramref name="accountId"/> heads this group (its lock is then already held).</summary>
    public bool IsHeadedBy(Guid accountId) => GroupParentId == accountId;
}
