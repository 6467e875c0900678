namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// What a transaction locks: a row by its id, or the values of an alternate key (so two transactions
/// cannot both insert the same key, as SQL Server's unique index prevents).
/// </summary>
internal readonly record struct LockResource(string Table, string Key)
{
    public static LockResource Row(string table, Guid id) => new(table, id.ToString("N"));

    public static LockResource AlternateKey(string table, string keyName, string normalizedValues) =>
        new(table, keyName + "=" + normalizedValues);

    public override string ToString() => Table + "(" + Key + ")";
}
