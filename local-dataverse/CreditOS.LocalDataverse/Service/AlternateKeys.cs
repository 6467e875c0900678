using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Storage;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>Finds rows by alternate key and keeps alternate keys unique.</summary>
internal static class AlternateKeys
{
    /// <summary>The id of the row the key values identify, or null when none does.</summary>
    public static Guid? Resolve(MessageContext context, TableDefinition table, KeyAttributeCollection keys)
    {
        if (keys.Count == 1 && keys.First() is { Key: var name } single && name == table.PrimaryIdAttribute)
        {
            return single.Value is Guid id && context.FindRow(table.LogicalName, id) is not null ? id : null;
        }

        var key = table.AlternateKeys.FirstOrDefault(k =>
            k.Columns.Count == keys.Count && k.Columns.All(keys.Contains))
            ?? throw DataverseFault.InvalidArgument(string.Create(
                CultureInfo.InvariantCulture,
                $"The key attributes ({string.Join(", ", keys.Keys)}) do not match an alternate key of entity '{table.LogicalName}'."));

        var values = key.Columns.ToDictionary(c => c, c => IndexKey.Normalize(keys[c]), StringComparer.Ordinal);
        var column = MostSelective(context, table, values);
        var match = Candidates(context, table, column, values[column])
            .FirstOrDefault(row => Matches(row, values));
        return match?.Id;
    }

    /// <summary>Fails when another visible row already holds the row's values of any alternate key; locks those values for this transaction.</summary>
    /// <param name="written">On Update, the columns the update writes: a key none of whose columns it writes keeps the values it
    /// was checked and locked with when they were written, so it is not looked up again (null: every key, as on Create).</param>
    public static void EnsureUnique(MessageContext context, TableDefinition table, Entity row, IReadOnlyDictionary<string, object?>? written = null)
    {
        var transaction = context.RequireTransaction();
        foreach (var key in table.AlternateKeys)
        {
            if (written is not null && !AnyWritten(key.Columns, written))
            {
                continue;
            }

            var values = key.Columns.ToDictionary(
                c => c,
                c => row.Attributes.TryGetValue(c, out var v) ? IndexKey.Normalize(v) : null,
                StringComparer.Ordinal);
            if (values.Values.Any(v => v is null))
            {
                continue;
            }

            transaction.Lock(LockResource.AlternateKey(table.LogicalName, key.LogicalName, Describe(values)));
            var column = MostSelective(context, table, values);
            var clash = Candidates(context, table, column, values[column])
                .FirstOrDefault(other => other.Id != row.Id && Matches(other, values));
            if (clash is not null)
            {
                // Dataverse answers an alternate-key clash with DuplicateRecord 0x80040237 and this wording, which names the key's
                // columns and the key by their display names, not the values (the documented DuplicateRecordEntityKey
                // 0x80060892 is not what a Create or Update with a taken key value returns).
                throw DataverseFault.Create(
                    DataverseErrorCodes.DuplicateRecord,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"A record that has the attribute values {string.Join(", ", key.Columns.Select(c => table.FindColumn(c)?.DisplayName ?? c))} already exists. The entity key {key.DisplayName ?? key.LogicalName} requires that this set of attributes contains unique values. Select unique values and try again."));
            }
        }
    }

    private static bool AnyWritten(IEnumerable<string> columns, IReadOnlyDictionary<string, object?> written)
    {
        foreach (var column in columns)
        {
            if (written.ContainsKey(column))
            {
                return true;
            }
        }

        return false;
    }

    // Seek on the key column with the fewest committed matches: a key's first column (e.g. the source system)
    // often holds one value for every row, which would make each lookup read the whole table.
    private static string MostSelective(MessageContext context, TableDefinition table, Dictionary<string, object?> values) =>
        values
            .Where(pair => pair.Value is not null)
            .OrderBy(pair => context.Runtime.Store.SeekCount(table.LogicalName, pair.Key, pair.Value!) ?? int.MaxValue)
            .Select(pair => pair.Key)
            .FirstOrDefault() ?? values.Keys.First();

    private static IEnumerable<Entity> Candidates(MessageContext context, TableDefinition table, string column, object? value)
    {
        var transaction = context.Transaction ?? context.Origin.Transaction;
        if (transaction is not null)
        {
            return value is not null && transaction.TrySeek(table.LogicalName, column, value, out var rows)
                ? rows
                : transaction.Scan(table.LogicalName);
        }

        return value is not null && context.Runtime.Store.Seek(table.LogicalName, column, value) is { } committed
            ? committed
            : context.Runtime.Store.Scan(table.LogicalName);
    }

    private static bool Matches(Entity row, Dictionary<string, object?> values) =>
        values.All(pair =>
            row.Attributes.TryGetValue(pair.Key, out var value)
            && IndexKey.Comparer.Equals(IndexKey.Normalize(value), pair.Value));

    private static string Describe(Dictionary<string, object?> values) =>
        string.Join(",", values.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)?.ToUpperInvariant()));
}
