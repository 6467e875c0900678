using System.Runtime.CompilerServices;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Currency;

/// <summary>
/// The base currency of the environment a catalog (with its x_base columns) belongs to, so that whoever formats a row read
/// with that catalog shows an x_base amount in the base currency, not in the row's own.
/// </summary>
public static class BaseCurrencies
{
    private static readonly ConditionalWeakTable<MetadataCatalog, BaseCurrency> ByCatalog = [];

    /// <summary>The base currency of the environment whose catalog this is; null for a catalog no environment augmented.</summary>
    public static BaseCurrency? Of(MetadataCatalog catalog) =>
        ByCatalog.TryGetValue(catalog, out var found) ? found : null;

    /// <summary>Whether <paramref name="column"/> of <paramref name="table"/> is the base column (x_base) of one of its money columns.</summary>
    public static bool IsBaseColumn(TableDefinition table, string column) => CurrencyMetadata.IsBaseColumn(table, column);

    internal static void Register(MetadataCatalog catalog, BaseCurrency baseCurrency) => ByCatalog.AddOrUpdate(catalog, baseCurrency);
}
