namespace CreditOS.Solution.Data;

/// <summary>One row of the solution's configuration data (data/data.xml): its table, id and column values as written.</summary>
public sealed record ConfigurationRecord(string Table, Guid Id, IReadOnlyDictionary<string, ConfigurationValue> Values);

/// <summary>A column value as the Configuration Migration format writes it; <see cref="LookupTable"/> is set for lookups.</summary>
public sealed record ConfigurationValue(string Text, string? LookupTable);
