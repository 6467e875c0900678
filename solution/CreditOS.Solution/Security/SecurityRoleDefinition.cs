using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Security;

/// <summary>A security role the solution ships (src/Roles/*.xml): its id, name and table privileges with their depths.</summary>
public sealed record SecurityRoleDefinition(Guid Id, string Name, IReadOnlyList<RolePrivilege> Privileges);
