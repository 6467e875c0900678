namespace CreditOS.Solution.Metadata;

/// <summary>An alternate key: the columns whose values together identify one row.</summary>
public sealed record AlternateKeyDefinition(string LogicalName, IReadOnlyList<string> Columns)
{
    /// <summary>The key's display name (its &lt;displaynames&gt;; the logical name when it has none), as Dataverse's messages name it.</summary>
    public string? DisplayName { get; init; }
}
