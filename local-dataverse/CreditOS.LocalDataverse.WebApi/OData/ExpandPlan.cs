using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// A checked $expand item: the navigation property resolved from the relationship metadata, the related table, the columns, filter,
/// order and top its options ask for, and its nested expands. The rules are Microsoft's (Join tables using OData,
/// webapi/query/join-tables); what the page leaves open is refused as not implemented (501) rather than guessed.
/// </summary>
internal sealed class ExpandPlan
{
    /// <summary>"You can include up to 15 $expand options in a query" (join-tables). What Dataverse answers above it is not published.</summary>
    public const int MaxExpands = 15;

    /// <summary>"Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship." (join-tables, code 0x80060888).</summary>
    public const string OnlySelectAndFilter = "Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.";

    /// <summary>The options the page lists as not supported inside $expand: "The options $skip, $count, $search, and $levels aren't supported".</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal) { "$skip", "$count", "$search", "$levels" };

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal) { "$select", "$filter", "$orderby", "$top", "$expand" };

    public required ExpandOption Option { get; init; }

    public string Name => Option.Name;

    /// <summary>The lookup this single-valued property follows; null for a collection-valued one.</summary>
    public NavigationProperty? Lookup { get; init; }

    /// <summary>The one-to-many relationship a collection-valued property follows; null for a single-valued one.</summary>
    public RelationshipDefinition? Relationship { get; init; }

    public required TableDefinition Target { get; init; }

    /// <summary>The columns written for each related row ($select, or all).</summary>
    public required ColumnSet Columns { get; init; }

    public FilterExpression? Filter { get; init; }

    public IReadOnlyList<(string Column, OrderType Order)> Orders { get; init; } = [];

    public int? Top { get; init; }

    public IReadOnlyList<ExpandPlan> Children { get; init; } = [];

    /// <summary>
    /// True when the query has a nested $expand anywhere: expanded collection rows then come without their ETag and the lookup to
    /// the parent, as in Microsoft's nested example (join-tables, "Nested $expand on collection-valued navigation properties").
    /// </summary>
    public bool NestedQuery { get; init; }

    /// <summary>The many-to-many navigation property this collection-valued item follows; null otherwise.</summary>
    public Navigation? ManyToMany { get; init; }

    public bool IsCollection => Relationship is not null || ManyToMany is not null;

    /// <summary>This item in the context URL: name(selected,children…), as "accounts(name,primarycontactid(contactid,fullname))".</summary>
    public string ContextSegment =>
        Name + "(" + string.Join(',', SelectedNames.Concat(Children.Select(child => child.ContextSegment))) + ")";

    private IEnumerable<string> SelectedNames =>
        Option.Options.TryGetValue("$select", out var select)
            ? select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The checked plans of a $expand on <paramref name="table"/>; <paramref name="paged"/> when Prefer: odata.maxpagesize is sent.</summary>
    public static IReadOnlyList<ExpandPlan> For(MetadataCatalog metadata, TableDefinition table, string expand, bool paged, ILambdaResolver? lambdas = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var options = ExpandOption.Parse(expand);
        var count = ExpandOption.CountAsWritten(expand);
        if (count > MaxExpands)
        {
            throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                $"{count} $expand options in one query: Dataverse allows up to {MaxExpands} (Join tables using OData) and does not publish what it answers beyond"));
        }

        var nested = HasNested(options);
        var plans = options.Select(option => Plan(metadata, table, option, nested, lambdas)).ToList();
        RefuseManyToManyCombinations(plans);
        if (paged && nested && plans.Any(ContainsCollection))
        {
            // "If you use a nested $expand anywhere in your query, and you've included the Prefer: odata.maxpagesize request header, paging
            // is applied to each of the expanded collections" (join-tables): paged expanded collections are not modelled.
            throw DataverseFault.NotImplemented("paging of expanded collections (a nested $expand with a collection-valued navigation property and Prefer: odata.maxpagesize); leave out the header or the nested $expand");
        }

        return plans;
    }

    /// <summary>
    /// "Supported Relationship types for $expand" (Join tables using OData, webapi/query/join-tables): many-to-many navigation properties
    /// may be expanded several at once ("Only N:N": multiple ✓) but not nested ("Only N:N": nested ✘), and not together with one-to-many
    /// or many-to-one ones ("Combinations with N:N": multiple ✘, nested ✘). The local host answered all of them before Web API round 9
    /// (session 17). Microsoft does not publish the error Dataverse answers: 400 0x80060888 here, our wording.
    /// </summary>
    private static void RefuseManyToManyCombinations(IReadOnlyList<ExpandPlan> plans)
    {
        var manyToMany = plans.FirstOrDefault(plan => plan.ManyToMany is not null);
        var nestedManyToMany = plans.SelectMany(plan => plan.Children).SelectMany(Descendants).FirstOrDefault(plan => plan.ManyToMany is not null);
        var problem = nestedManyToMany is not null
            ? $"the many-to-many navigation property '{nestedManyToMany.Name}' is expanded inside another $expand"
            : manyToMany is null
            ? null
            : manyToMany.Children.Count > 0
            ? $"the many-to-many navigation property '{manyToMany.Name}' has a nested $expand"
            : plans.FirstOrDefault(plan => plan.ManyToMany is null) is { } other
            ? $"the many-to-many navigation property '{manyToMany.Name}' is expanded together with '{other.Name}', which is not many-to-many"
            : plans.Any(plan => plan.Children.Count > 0) ? $"the many-to-many navigation property '{manyToMany.Name}' is expanded in a query with a nested $expand" : null;
        if (problem is not null)
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"$expand does not support this combination of relationships: {problem} (Dataverse expands many-to-many navigation properties only beside other many-to-many ones, never nested).");
        }
    }

    private static IEnumerable<ExpandPlan> Descendants(ExpandPlan plan) => plan.Children.SelectMany(Descendants).Prepend(plan);

    private static bool HasNested(IEnumerable<ExpandOption> options) => options.Any(option => option.Options.ContainsKey("$expand"));

    private static bool ContainsCollection(ExpandPlan plan) => plan.IsCollection || plan.Children.Any(ContainsCollection);

    private static ExpandPlan Plan(MetadataCatalog metadata, TableDefinition table, ExpandOption option, bool nested, ILambdaResolver? lambdas)
    {
        foreach (var key in option.Options.Keys.Where(key => !Supported.Contains(key)))
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, Unsupported.Contains(key)
                ? $"The query parameter {key} is not supported inside $expand."
                : $"The query parameter '{key}' is not supported.");
        }

        var lookup = ReadNavigation.Find(metadata, table, option.Name);
        var relationship = lookup is null
            ? metadata.Relationships.FirstOrDefault(r => r.Type == RelationshipType.OneToMany && r.ReferencedTable == table.LogicalName
                && r.ReferencingAttribute is not null && string.Equals(r.SchemaName, option.Name, StringComparison.Ordinal))
            : null;
        if (option.IsReference)
        {
            throw relationship is not null || Navigation.Find(metadata, table, option.Name) is { IsCollection: true }
                // "You can only use the /$ref option with single-valued navigation properties. If you use it with a collection-valued
                // navigation property, you get the following error" (join-tables, "Return references").
                ? DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, "Expand with $ref is only supported on lookup type navigation property.")
                : DataverseFault.NotImplemented($"$expand={option.Name}/$ref (references instead of rows); expand the row with $select of its id");
        }

        // A many-to-many navigation property ("Collection-valued navigation properties correspond to one-to-many or many-to-many
        // relationships", Retrieve a table row using the Web API, "Retrieve related tables … by expanding navigation properties"): its
        // related rows are read through the intersect table (session 16; it answered 501 before).
        var manyToMany = lookup is null && relationship is null && Navigation.Find(metadata, table, option.Name) is { Kind: NavigationKind.ManyToMany } found ? found : null;
        if (lookup is null && relationship is null && manyToMany is null)
        {
            if (ReadNavigation.NotAProperty(metadata, table, option.Name) is { } notAProperty)
            {
                throw notAProperty;
            }

            if (table.FindColumn(option.Name) is { Type: ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner })
            {
                // createdby, ownerid, owninguser…: Dataverse has these navigation properties, but the local metadata declares no
                // relationship for them, so their target is not known here.
                throw DataverseFault.NotImplemented($"$expand of '{option.Name}': the local metadata declares no relationship for this lookup of '{table.LogicalName}'");
            }

            throw IsStructuralProperty(table, option.Name)
                // A structural property (a column, or a lookup's _x_value): the OData library finds it and refuses to expand it. Its
                // SelectExpandBinder (ParseComplexTypesBeforeNavigation) throws ExpandItemBinder_PropertyIsNotANavigationPropertyOrComplexProperty,
                // which a live environment answers as {"code": "0x0", "message": "Property 'contactid' on type 'Microsoft.Dynamics.CRM.
                // ava_ava_accountdocuments_contact' is not a navigation property or complex property. Only navigation properties can be
                // expanded."} (the blog post "Mastering Dataverse Web API Queries for Many-to-Many Relationships", 2023-08-25). Round 16 wrote
                // the older library's "is not a navigation property.", and a lookup's _x_value was "Could not find a property" (round 27).
                ? DataverseFault.Create(WebApiErrorCodes.UriParserError, $"Property '{option.Name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}' is not a navigation property or complex property. Only navigation properties can be expanded.")
                : DataverseFault.Create(WebApiErrorCodes.PropertyNotFound, $"Could not find a property named '{option.Name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
        }

        var targetName = manyToMany?.Target.LogicalName ?? lookup?.Target ?? relationship!.ReferencingTable;
        var target = metadata.FindTable(targetName) ?? throw DataverseFault.UnknownTable(targetName);
        var topOrOrder = option.Options.ContainsKey("$top") || option.Options.ContainsKey("$orderby");
        if (topOrOrder && (lookup is not null || nested))
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, OnlySelectAndFilter);
        }

        if (lookup is not null && option.Options.ContainsKey("$filter"))
        {
            throw DataverseFault.NotImplemented($"$filter inside the $expand of the single-valued navigation property '{option.Name}' (what it does to the row is not documented); filter the parent with {option.Name}/column in $filter");
        }

        var columns = SelectColumns(target, option.Options.TryGetValue("$select", out var select) ? select : null);
        return new ExpandPlan
        {
            Option = option,
            Lookup = lookup,
            Relationship = relationship,
            ManyToMany = manyToMany,
            Target = target,
            Columns = columns,
            Filter = option.Options.TryGetValue("$filter", out var filter) && !string.IsNullOrWhiteSpace(filter) ? FilterParser.Parse(target, filter, lambdas) : null,
            Orders = option.Options.TryGetValue("$orderby", out var orderBy) ? QueryOptions.OrderBy(target, orderBy).ToList() : [],
            Top = option.Options.TryGetValue("$top", out var top) ? QueryOptions.Top(top) : null,
            Children = option.Options.TryGetValue("$expand", out var inner) ? ExpandOption.Parse(inner).Select(child => Plan(metadata, target, child, nested, lambdas)).ToList() : [],
            NestedQuery = nested,
        };
    }

    /// <summary>True when <paramref name="name"/> is a structural property of the entity type: a column by its logical name, a lookup as _column_value.</summary>
    private static bool IsStructuralProperty(TableDefinition table, string name)
    {
        var isLookupValue = name.Length > 7 && name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal);
        var column = table.FindColumn(isLookupValue ? name[1..^6] : name);
        return column is not null && column.Type != ColumnType.PartyList
            && (column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner) == isLookupValue;
    }

    /// <summary>
    /// The columns a $select names (all without it); a money column brings _transactioncurrencyid_value, as at the top level ("If you
    /// request a money value, the _transactioncurrencyid_value lookup property will be returned", Retrieve a table row using the Web API).
    /// </summary>
    public static ColumnSet SelectColumns(TableDefinition table, string? select)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.IsNullOrWhiteSpace(select))
        {
            return new ColumnSet(true);
        }

        var columns = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => QueryOptions.Property(table, name).LogicalName)
            .ToList();
        if (columns.Any(column => table.FindColumn(column)?.Type == ColumnType.Money)
            && table.FindColumn("transactioncurrencyid") is not null && !columns.Contains("transactioncurrencyid"))
        {
            columns.Add("transactioncurrencyid");
        }

        return new ColumnSet(columns.ToArray());
    }
}
