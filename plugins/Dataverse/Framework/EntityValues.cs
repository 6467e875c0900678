using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>Typed reads of row values as Dataverse returns them (Money, OptionSetValue, AliasedValue from link-entities).</summary>
public static class EntityValues
{
    /// <summary>The Money column's value, 0 when empty.</summary>
    public static decimal MoneyOrZero(this Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;

    /// <summary>The Money column's value, null when empty.</summary>
    public static decimal? MoneyOrNull(this Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value;

    /// <summary>The choice column's number, null when empty.</summary>
    public static int? ChoiceOrNull(this Entity row, string column) => row.GetAttributeValue<OptionSetValue>(column)?.Value;

    /// <summary>A value a link-entity or aggregate returned under its alias, unwrapped from its AliasedValue; default when absent.</summary>
    public static T? Aliased<T>(this Entity row, string alias)
    {
        if (!row.Attributes.TryGetValue(alias, out var value))
        {
            return default;
        }

        var unwrapped = value is AliasedValue aliased ? aliased.Value : value;
        return unwrapped is T typed ? typed : default;
    }

    /// <summary>An aliased Money (or decimal) value, 0 when absent.</summary>
    public static decimal AliasedAmount(this Entity row, string alias)
    {
        var money = row.Aliased<Money>(alias);
        return money?.Value ?? row.Aliased<decimal?>(alias) ?? 0m;
    }
}
