namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// What the account's credit record read of its hierarchy: the account and its parent (joined), and whether the parent
/// has a parent in turn. When it has none, the groups are known without another call; otherwise the ancestry is read.
/// </summary>
public sealed record CorporateHierarchyLine(
    Guid AccountId,
    string AccountName,
    decimal? OwnGroupLimit,
    Guid? ParentId,
    string? ParentName,
    decimal? ParentGroupLimit,
    Guid? GrandparentId)
{
    /// <summary>Whether the groups above the parent must be read (the parent has a parent of its own).</summary>
    public bool ReachesAboveParent => ParentId is not null && GrandparentId is not null;

    /// <summary>The groups known from the joined read alone, nearest first (only complete when <see cref="ReachesAboveParent"/> is false).</summary>
    public IReadOnlyList<CreditGroupMembership> JoinedGroups()
    {
        var groups = new List<CreditGroupMembership>(2);
        if (OwnGroupLimit is { } own)
        {
            groups.Add(new CreditGroupMembership(AccountId, AccountName, own));
        }

        if (ParentId is { } parent && ParentGroupLimit is { } shared)
        {
            groups.Add(new CreditGroupMembership(parent, ParentName ?? parent.ToString(), shared));
        }

        return groups;
    }
}
