using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// A link-entity inside a filter (FetchXML's filter link types, fetchxml/reference/link-entity "Filter Link Types"): a child
/// condition of its filter, true or false for each parent row, that returns no columns. It stands in its filter as a
/// <see cref="ConditionExpression"/> whose attribute is <see cref="Marker"/> followed by its index in <see cref="QuerySpec.FilterLinks"/>.
/// </summary>
internal sealed record FilterLink(LinkSpec Link, FilterLinkKind Kind)
{
    public const string Marker = "@filter-link:";

    public static bool IsMarker(ConditionExpression condition) => condition.AttributeName?.StartsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>The filter link's index, or -1 when the attribute only looks like a marker (a caller's condition, refused later as an unknown column).</summary>
    public static int IndexOf(ConditionExpression condition, int count) =>
        IsMarker(condition) && int.TryParse(condition.AttributeName![Marker.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < count
            ? index
            : -1;
}

/// <summary>The filter link types, as link-entity's link-type options describe them.</summary>
internal enum FilterLinkKind
{
    /// <summary>"Restricts results to parent rows with matching any rows in the linked entity."</summary>
    Any,
    /// <summary>"Restricts results to parent rows with no matching rows in the linked entity."</summary>
    NotAny,
    /// <summary>"…where every row in the link entity with matching from column value satisfies the additional filters … This includes parent rows which have no link entity rows with matching from values at all."</summary>
    All,
    /// <summary>"…where at least one row in the link entity with matching from column value does not satisfy the additional filters."</summary>
    NotAll,
}
