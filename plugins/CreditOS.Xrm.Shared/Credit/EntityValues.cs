using Microsoft.Xrm.Sdk;

namespace CreditOS.Xrm.Credit;

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

    /// <summary>The column from the target when the operation sets it, else from the image (the row as it was).</summary>
    public static T? Current<T>(this Entity target, Entity? image, string column) =>
        target.Contains(column) ? target.GetAttributeValue<T>(column) : image is null ? default : image.GetAttributeValue<T>(column);
}
