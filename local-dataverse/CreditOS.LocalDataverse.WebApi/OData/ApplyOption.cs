using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>One aggregate of $apply: "revenue with sum as total", or "$count as count" (<see cref="Column"/> null).</summary>
internal sealed record ApplyAggregate(ColumnDefinition? Column, string Method, string Alias);

/// <summary>
/// The subset of $apply Microsoft shows (Aggregate data using OData, webapi/query/aggregate-data): <c>filter(…)/</c> transformations
/// followed by one <c>groupby((a,b))</c>, <c>groupby((a),aggregate(…))</c> or <c>aggregate(…)</c>, whose aggregates are
/// <c>x with sum|average|min|max as alias</c> and <c>$count as alias</c>. "Dataverse supports only a subset of these aggregate methods"
/// (same page): other transformations, countdistinct ("You can't get a distinct number of values using CountColumn with OData"), lookup
/// columns and grouping by date (the page: "groupby with datetime values is not supported") are refused. Grouping by a related row's
/// column (<c>groupby((primarycontactid/fullname))</c>, answered as <c>contact_fullname</c>) is kept as a path here and resolved by
/// <see cref="ApplyRelatedGroup"/> (Web API round 13).
/// </summary>
internal sealed partial class ApplyOption
{
    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal) { "Integer", "BigInt", "Decimal", "Double", "Money" };

    public List<string> Filters { get; } = [];

    public List<ColumnDefinition> GroupBy { get; } = [];

    /// <summary>The grouping properties that follow a navigation property (<c>primarycontactid/fullname</c>), as written.</summary>
    public List<string> RelatedGroupBy { get; } = [];

    public List<ApplyAggregate> Aggregates { get; } = [];

    public static ApplyOption Parse(TableDefinition table, string apply)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(apply);
        var option = new ApplyOption();
        var transformations = TopLevelSplit.Split(apply, '/', "$apply");
        for (var index = 0; index < transformations.Count; index++)
        {
            var transformation = transformations[index];
            var last = index == transformations.Count - 1;
            if (Call(transformation, "filter") is { } filter && !last)
            {
                option.Filters.Add(filter);
            }
            else if (last && Call(transformation, "groupby") is { } groupBy)
            {
                option.ReadGroupBy(table, groupBy);
            }
            else if (last && Call(transformation, "aggregate") is { } aggregate)
            {
                option.ReadAggregates(table, aggregate);
            }
            else
            {
                throw DataverseFault.NotImplemented(
                    $"the $apply transformation '{transformation}' here: the local Web API reads filter(…)/ followed by one groupby((…)[,aggregate(…)]) or aggregate(…), as Microsoft's examples show (Aggregate data using OData)");
            }
        }

        return option;
    }

    private void ReadGroupBy(TableDefinition table, string inner)
    {
        var parts = TopLevelSplit.Split(inner, ',', "$apply");
        if (parts.Count is < 1 or > 2 || !parts[0].StartsWith('(') || !parts[0].EndsWith(')'))
        {
            throw Syntax($"groupby({inner})", "groupby takes the grouping properties in parentheses, then optionally aggregate(…)");
        }

        foreach (var name in TopLevelSplit.Split(parts[0][1..^1], ',', "$apply"))
        {
            if (name.Contains('/', StringComparison.Ordinal))
            {
                RelatedGroupBy.Add(name);
                continue;
            }

            var column = QueryOptions.Property(table, name);
            CheckGroupable(column, name);
            GroupBy.Add(column);
        }

        if (parts.Count == 2)
        {
            ReadAggregates(table, Call(parts[1], "aggregate") ?? throw Syntax($"groupby({inner})", $"'{parts[1]}' is not aggregate(…)"));
        }
    }

    /// <summary>Refuses grouping by a lookup (shape not documented) or by a date and time column (documented as not supported).</summary>
    public static void CheckGroupable(ColumnDefinition column, string name)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner)
        {
            throw DataverseFault.NotImplemented($"grouping by the lookup '{name}' in $apply (its answer's shape is not documented)");
        }

        if (column.Type == ColumnType.DateTime)
        {
            // "groupby with datetime values is not supported" (Aggregate data using OData); Dataverse's error is not published.
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Grouping by the date and time column '{name}' is not supported in $apply (groupby with datetime values is not supported).");
        }
    }

    private void ReadAggregates(TableDefinition table, string inner)
    {
        foreach (var item in TopLevelSplit.Split(inner, ',', "$apply"))
        {
            var match = AggregateItem().Match(item);
            if (!match.Success)
            {
                throw Syntax($"aggregate({inner})", $"'{item}' is neither 'property with method as alias' nor '$count as alias'");
            }

            var alias = match.Groups["alias"].Value;
            if (Aggregates.Any(other => other.Alias == alias) || GroupBy.Any(column => column.LogicalName == alias))
            {
                throw Syntax($"aggregate({inner})", $"the alias '{alias}' is used twice");
            }

            RefuseAliasOfADeclaredProperty(table, alias);

            if (match.Groups["count"].Success)
            {
                Aggregates.Add(new ApplyAggregate(null, "count", alias));
                continue;
            }

            var method = match.Groups["method"].Value;
            if (method == "countdistinct")
            {
                throw DataverseFault.NotImplemented("countdistinct in $apply (\"You can't get a distinct number of values using CountColumn with OData\", Aggregate data using OData); use FetchXML through the organization service");
            }

            if (method is not ("sum" or "average" or "min" or "max"))
            {
                throw Syntax($"aggregate({inner})", $"'{method}' is not an aggregation method (sum, average, min, max)");
            }

            var name = match.Groups["property"].Value;
            if (name.Contains('/', StringComparison.Ordinal))
            {
                throw DataverseFault.NotImplemented($"aggregating the related row's '{name}' in $apply");
            }

            var column = QueryOptions.Property(table, name);
            RefuseAverageOfANonNumber(column, method);
            var fits = Numeric.Contains(column.Type.ToString()) || (method is "min" or "max" && column.Type == ColumnType.DateTime);
            if (!fits)
            {
                throw DataverseFault.NotImplemented($"the aggregation {method} of the {column.Type} column '{name}' in $apply (sum and average of numbers and money, min and max of those and of dates are read)");
            }

            Aggregates.Add(new ApplyAggregate(column, method, alias));
        }
    }

    /// <summary>
    /// The OData library Dataverse parses $apply with types an average before Dataverse reads it (odata.net ApplyBinder
    /// CreateAggregateExpressionTypeReference): Edm.Int32, Edm.Int64, Edm.Double and Edm.Decimal are averaged, any other type is
    /// refused with ApplyBinder_AggregateExpressionIncompatibleTypeForMethod, "$apply/aggregate expression '{0}' operation does not
    /// support value type '{1}'." ({0} the bound property node, {1} its EdmPrimitiveTypeKind): a 400 the local host answered 501.
    /// sum, min and max keep the property's type there, so Dataverse's own answer for them is not known and stays 501 below.
    /// </summary>
    private static void RefuseAverageOfANonNumber(ColumnDefinition column, string method)
    {
        var edmType = FilterParser.EdmType(column);
        if (method == "average" && edmType is not ("Edm.Int32" or "Edm.Int64" or "Edm.Double" or "Edm.Decimal"))
        {
            throw DataverseFault.Create(WebApiErrorCodes.UriParserError,
                $"$apply/aggregate expression 'Microsoft.OData.UriParser.SingleValuePropertyAccessNode' operation does not support value type '{edmType["Edm.".Length..]}'.");
        }
    }

    /// <summary>
    /// An alias that names a property the entity type declares (<c>aggregate(creditlimit with sum as name)</c>): the OData Data Aggregation
    /// extension says an alias "MUST NOT collide" with the names of declared properties, the OData library Dataverse parses $apply with does
    /// not check it (odata.net ApplyBinder), and what Dataverse then answers (the value under the column's name, or a refusal) is not
    /// published. The local host answered the aggregate under the column's name before round 22 (session 30); it is refused as not
    /// implemented so a client never relies on an answer Dataverse may not give.
    /// </summary>
    private static void RefuseAliasOfADeclaredProperty(TableDefinition table, string alias)
    {
        var isLookupValue = alias.Length > 7 && alias.StartsWith('_') && alias.EndsWith("_value", StringComparison.Ordinal);
        if (table.FindColumn(isLookupValue ? alias[1..^6] : alias) is not null)
        {
            throw DataverseFault.NotImplemented(
                $"the $apply alias '{alias}', which is also a property of '{table.LogicalName}' (the OData aggregation extension says an alias must not collide with a declared property; what Dataverse answers is not published): choose an alias that is not a property name");
        }
    }

    /// <summary>The text inside "name(…)" when <paramref name="text"/> is that call, else null.</summary>
    private static string? Call(string text, string name) =>
        text.StartsWith(name + "(", StringComparison.Ordinal) && text.EndsWith(')') ? text[(name.Length + 1)..^1].Trim() : null;

    private static Exception Syntax(string text, string problem) =>
        DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in $apply '{text}': {problem}.");

    [GeneratedRegex(@"^(?:(?<count>\$count)|(?<property>[A-Za-z_][A-Za-z0-9_/]*)\s+with\s+(?<method>[a-z]+))\s+as\s+(?<alias>[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AggregateItem();
}
