namespace CreditOS.LocalDataverse.Query;

/// <summary>An Equal or In condition of the top-level And filter on an indexed identifier column of the root table: the rows to start from.</summary>
internal sealed record RootSeek(string Column, IReadOnlyList<Guid> Keys);
