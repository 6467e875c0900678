namespace CreditOS.Solution.Security;

/// <summary>A field security profile the solution ships, with what it grants on each secured column.</summary>
public sealed record FieldSecurityProfileDefinition(Guid Id, string Name, IReadOnlyList<FieldPermissionDefinition> Permissions);

/// <summary>One field permission: Dataverse writes 4 (allowed) or 0 (not allowed) for read, create and update.</summary>
public sealed record FieldPermissionDefinition(string Table, string Column, bool CanRead, bool CanCreate, bool CanUpdate);
