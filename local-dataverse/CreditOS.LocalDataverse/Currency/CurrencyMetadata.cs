using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Currency;

/// <summary>
/// The currency columns Dataverse adds to a table with money columns, which the solution's metadata need not declare.
/// "When you add a currency column to a table that has no other currency columns, two additional columns are added": the
/// <c>transactioncurrencyid</c> lookup and the <c>exchangerate</c> decimal ("people can see the value, but they can't edit
/// it"); "for each currency column you add, another currency column is added with the suffix _Base … it can't be edited"
/// (learn.microsoft.com/power-apps/maker/data-platform/types-of-fields, "Using currency columns"). The lookup's
/// relationship from transactioncurrency restricts deleting a currency in use ("You can't delete currencies that are in use
/// by other records", power-platform/admin/manage-transactions-with-multiple-currencies).
/// </summary>
internal static class CurrencyMetadata
{
    public const string CurrencyColumn = "transactioncurrencyid";
    public const string ExchangeRateColumn = "exchangerate";
    public const string CurrencyTable = "transactioncurrency";
    public const string BaseSuffix = "_base";

    /// <summary><paramref name="catalog"/> with the currency columns (and the currency lookup's relationship) added where missing.</summary>
    public static MetadataCatalog Augment(MetadataCatalog catalog, BaseCurrency baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(baseCurrency);
        if (catalog.FindTable(CurrencyTable) is null || !catalog.Tables.Any(HasMoney))
        {
            return catalog;
        }

        var relationships = catalog.Relationships.ToList();
        var tables = new List<TableDefinition>();
        foreach (var table in catalog.Tables)
        {
            if (!HasMoney(table))
            {
                tables.Add(table);
                continue;
            }

            tables.Add(WithCurrencyColumns(table));
            if (!relationships.Any(r => r.Type == RelationshipType.OneToMany && r.ReferencedTable == CurrencyTable
                && r.ReferencingTable == table.LogicalName && r.ReferencingAttribute == CurrencyColumn))
            {
                relationships.Add(new RelationshipDefinition
                {
                    SchemaName = $"TransactionCurrency_{table.LogicalName}",
                    Type = RelationshipType.OneToMany,
                    ReferencedTable = CurrencyTable,
                    ReferencingTable = table.LogicalName,
                    ReferencingAttribute = CurrencyColumn,
                    IsStandard = table.IsStandard,
                    CascadeDelete = CascadeDelete.Restrict,
                });
            }
        }

        var augmented = new MetadataCatalog(tables, relationships);
        BaseCurrencies.Register(augmented, baseCurrency);
        return augmented;
    }

    /// <summary>The money columns a caller writes (not their _base columns).</summary>
    /// <remarks>Asked on every write of a table with money; a definition's columns never change (init-only), so the answer is kept per definition.</remarks>
    public static IReadOnlyList<ColumnDefinition> MoneyColumns(TableDefinition table) =>
        MoneyColumnsOf.GetValue(table, definition => definition.Columns.Values.Where(c => c.Type == ColumnType.Money && !IsBaseColumn(definition, c.LogicalName)).ToArray());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TableDefinition, ColumnDefinition[]> MoneyColumnsOf = new();

    /// <summary>The name of a money column's _base column, kept per column (every stamp of a row wrote each name afresh).</summary>
    public static string BaseColumnOf(ColumnDefinition money) =>
        BaseColumnNames.GetValue(money, column => column.LogicalName + BaseSuffix);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ColumnDefinition, string> BaseColumnNames = new();

    /// <summary>Whether <paramref name="column"/> is the base column of one of the table's money columns.</summary>
    public static bool IsBaseColumn(TableDefinition table, string column) =>
        column.EndsWith(BaseSuffix, StringComparison.Ordinal)
        && table.FindColumn(column[..^BaseSuffix.Length]) is { Type: ColumnType.Money };

    private static bool HasMoney(TableDefinition table) =>
        table.LogicalName != CurrencyTable && table.Columns.Values.Any(c => c.Type == ColumnType.Money);

    private static TableDefinition WithCurrencyColumns(TableDefinition table)
    {
        var columns = new Dictionary<string, ColumnDefinition>(table.Columns, StringComparer.Ordinal);
        columns.TryAdd(CurrencyColumn, new ColumnDefinition
        {
            LogicalName = CurrencyColumn,
            SchemaName = "TransactionCurrencyId",
            DisplayName = "Currency",
            Type = ColumnType.Lookup,
            Targets = [CurrencyTable],
            Description = "Unique identifier of the currency associated with the entity.",
        });
        columns.TryAdd(ExchangeRateColumn, new ColumnDefinition
        {
            LogicalName = ExchangeRateColumn,
            SchemaName = "ExchangeRate",
            DisplayName = "Exchange Rate",
            Type = ColumnType.Decimal,
            IsValidForCreate = false,
            IsValidForUpdate = false,
            Precision = 10,
            MinValue = 0.0000000001m,
            MaxValue = 100_000_000_000m,
            Description = "Exchange rate for the currency associated with the entity with respect to the base currency.",
        });
        foreach (var money in table.Columns.Values.Where(c => c.Type == ColumnType.Money).ToList())
        {
            columns.TryAdd(money.LogicalName + BaseSuffix, new ColumnDefinition
            {
                LogicalName = money.LogicalName + BaseSuffix,
                SchemaName = money.SchemaName + "_Base",
                DisplayName = money.DisplayName + " (Base)",
                Type = ColumnType.Money,
                IsCustom = money.IsCustom,
                IsValidForCreate = false,
                IsValidForUpdate = false,
                MinValue = money.MinValue,
                MaxValue = money.MaxValue,
                Precision = money.Precision,
                PrecisionSource = money.PrecisionSource,
                // A secured amount's base value is the same figure in another currency: it is secured with it.
                IsSecured = money.IsSecured,
                Description = $"Value of the {money.DisplayName} in base currency.",
            });
        }

        return new TableDefinition
        {
            LogicalName = table.LogicalName,
            SchemaName = table.SchemaName,
            EntitySetName = table.EntitySetName,
            DisplayName = table.DisplayName,
            DisplayCollectionName = table.DisplayCollectionName,
            PrimaryIdAttribute = table.PrimaryIdAttribute,
            PrimaryNameAttribute = table.PrimaryNameAttribute,
            Ownership = table.Ownership,
            IsCustom = table.IsCustom,
            IsActivity = table.IsActivity,
            Columns = columns,
            AlternateKeys = table.AlternateKeys,
            Description = table.Description,
        };
    }
}
