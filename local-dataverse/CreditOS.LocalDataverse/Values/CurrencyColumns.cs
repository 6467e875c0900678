using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// The currency columns Dataverse gives every table with a money column, which the local metadata does not declare and the
/// local Dataverse does not compute. "For each money attribute in a table, Dataverse automatically creates a corresponding
/// read-only, system calculated, money attribute that is called the 'base' … creditlimit_base = creditlimit / exchangerate",
/// and "all money properties in a record share the same transaction currency" (learn.microsoft.com/power-apps/developer/
/// data-platform/transaction-currency-currency-entity). Naming one of them (<c>x_base</c>, <c>exchangerate</c>, or
/// <c>transactioncurrencyid</c> on a table whose metadata lacks it) faults as not implemented instead of as an unknown column
/// (Dataverse has it) or, worse, answering without it.
/// </summary>
public static class CurrencyColumns
{
    private const string BaseSuffix = "_base";

    /// <summary>Why <paramref name="column"/> of <paramref name="table"/> is a currency column the local Dataverse lacks; null when it is not one.</summary>
    public static string? NotModelled(TableDefinition table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.IsNullOrEmpty(column) || !table.Columns.Values.Any(c => c.Type == ColumnType.Money))
        {
            return null;
        }

        if (column.EndsWith(BaseSuffix, StringComparison.Ordinal) && table.FindColumn(column[..^BaseSuffix.Length]) is { Type: ColumnType.Money } money)
        {
            return $"the currency base column '{table.LogicalName}.{column}' (Dataverse computes it as {money.LogicalName} / exchangerate in the organization's base currency; the local Dataverse keeps no base currency or exchange rate: read {money.LogicalName} and the row's transactioncurrencyid)";
        }

        var declaresCurrency = table.FindColumn("transactioncurrencyid") is not null;
        return column == "exchangerate" || (column == "transactioncurrencyid" && !declaresCurrency)
            ? $"the currency column '{table.LogicalName}.{column}' (Dataverse gives every table with a money column a transactioncurrencyid and an exchangerate; this table's metadata declares {(declaresCurrency ? "no exchangerate" : "neither")}, and the local Dataverse keeps no exchange rate)"
            : null;
    }
}
