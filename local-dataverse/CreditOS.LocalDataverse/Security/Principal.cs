namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// The security of one calling user, read at the start of an operation: business unit, roles (held directly or
/// through teams), the privileges they grant and where each reaches, and the field security profiles.
/// </summary>
internal sealed class Principal
{
    public required Guid UserId { get; init; }

    public required Guid BusinessUnitId { get; init; }

    /// <summary>The teams the user is a member of.</summary>
    public required IReadOnlySet<Guid> TeamIds { get; init; }

    public required int RoleCount { get; init; }

    public required bool IsSystemAdministrator { get; init; }

    public required IReadOnlyDictionary<(string Table, AccessRight Access), IReadOnlyList<Grant>> Grants { get; init; }

    public required IReadOnlySet<Guid> ProfileIds { get; init; }

    public int PrivilegeCount => Grants.Count;

    public IReadOnlyList<Grant> GrantsFor(string table, AccessRight access) =>
        Grants.TryGetValue((table, access), out var grants) ? grants : [];
}

/// <summary>
/// A privilege at a depth from one role. Depth is measured from the business unit that holds the role (the user's
/// for a role of their own, the team's for a team's role); Basic reaches rows owned by <see cref="BasicOwners"/>.
/// </summary>
internal sealed record Grant(PrivilegeDepth Depth, Guid AnchorBusinessUnit, IReadOnlySet<Guid> AnchorSubtree, IReadOnlySet<Guid> BasicOwners);
