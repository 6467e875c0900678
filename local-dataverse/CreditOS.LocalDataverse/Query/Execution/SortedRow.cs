using System.Data.SqlTypes;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>A joined row with its sort-key values, ordered by the keys and then by the root's primary key (as Dataverse adds it).</summary>
internal sealed record SortedRow(Entity?[] Row, object?[] Keys, Guid Id)
{
    public static List<SortedRow> Sort(IEnumerable<Entity?[]> rows, IReadOnlyList<SortKey> keys)
    {
        var comparer = new Comparer(keys);
        return rows.Select(row => new SortedRow(row, keys.Select(key => key.Read(row)).ToArray(), row[0]!.Id))
            .Order(comparer)
            .ToList();
    }

    public sealed class Comparer(IReadOnlyList<SortKey> keys) : IComparer<SortedRow>
    {
        public int Compare(SortedRow? x, SortedRow? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var index = 0; index < keys.Count; index++)
            {
                var comparison = keys[index].Compare(x.Keys[index], y.Keys[index]);
                if (comparison != 0)
                {
                    return comparison;
                }
            }

            return new SqlGuid(x.Id).CompareTo(new SqlGuid(y.Id));
        }
    }
}
