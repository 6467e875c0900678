namespace CreditOS.Solution.Metadata;

/// <summary>An alternate key: the columns whose values together identify one row.</summary>
public sealed record AlternateKeyDefinition(string LogicalName, IReadOnlyList<string> Columns);
