namespace CreditOS.Solution.Metadata;

/// <summary>One choice of a picklist, state or status column. For status options, <see cref="State"/> is the statecode it belongs to.</summary>
public sealed record OptionDefinition(int Value, string Label, int? State = null);
