namespace CreditOS.Solution.Validation;

/// <summary>A table privilege of a security role, parsed from its name (prv + access + table schema name).</summary>
public sealed record RolePrivilege(string Access, string TableSchemaName, string Level)
{
    // AppendTo before Append: the longer name must win.
    private static readonly string[] Accesses = ["Create", "Read", "Write", "Delete", "AppendTo", "Append", "Assign", "Share"];

    public static readonly IReadOnlyList<string> Levels = ["Basic", "Local", "Deep", "Global"];

    public static RolePrivilege? Parse(string name, string level)
    {
        ArgumentNullException.ThrowIfNull(name);
        const string prefix = "prv";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = name[prefix.Length..];
        var access = Accesses.FirstOrDefault(a => rest.StartsWith(a, StringComparison.Ordinal));
        return access is null || rest.Length == access.Length ? null : new RolePrivilege(access, rest[access.Length..], level);
    }
}
