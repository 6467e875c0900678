namespace CreditOS.Solution.Security;

/// <summary>The security the solution ships: its roles and its field security profiles.</summary>
public sealed record SecurityDefinitions(IReadOnlyList<SecurityRoleDefinition> Roles, IReadOnlyList<FieldSecurityProfileDefinition> Profiles)
{
    public static SecurityDefinitions None { get; } = new([], []);
}
