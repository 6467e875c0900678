namespace CreditOS.LocalDataverse.Query;

/// <summary>An Equal or In condition of the top-level And filter on a text column of the root table: the rows to start from when its column has a text index and no identifier seek applies.</summary>
internal sealed record TextSeek(string Column, IReadOnlyList<string> Values);
