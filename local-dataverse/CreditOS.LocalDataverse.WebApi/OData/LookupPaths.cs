using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>A column reached through single-valued navigation properties: its definition and the alias of the link that reads it.</summary>
internal sealed record PathColumn(ColumnDefinition Column, string Alias);

/// <summary>
/// Properties of related rows in $filter (session 16; it answered 501): "You can filter based on values in single-valued navigation
/// properties that represent lookup columns. Use this pattern: &lt;single-valued navigation property&gt;/&lt;property name&gt; …
/// accounts?$filter=primarycontactid/fullname eq 'Susanna Stubberod (sample)' … You can also compare values further up the hierarchy
/// of single-valued navigation properties" (Filter rows using OData, "Filter using lookup column property values",
/// webapi/query/filter-rows). Each navigation property becomes an outer link (one per path, reused), and the condition names the
/// link's alias, so a row without the related row compares as a null value does. A collection-valued property in a path is refused
/// ("You can't include conditions on collection-valued navigation properties that are nested in a lookup navigation property").
/// </summary>
internal sealed class LookupPaths(MetadataCatalog metadata)
{
    private readonly Dictionary<string, (LinkEntity Link, TableDefinition Table)> _byPath = new(StringComparer.Ordinal);

    /// <summary>The links to add to the query, outermost first (nested ones hang under them).</summary>
    public List<LinkEntity> Links { get; } = [];

    public PathColumn Resolve(TableDefinition table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/');
        var current = table;
        LinkEntity? parent = null;
        var prefix = string.Empty;
        foreach (var segment in segments[..^1])
        {
            prefix = prefix.Length == 0 ? segment : prefix + "/" + segment;
            if (!_byPath.TryGetValue(prefix, out var known))
            {
                var lookup = ReadNavigation.Find(metadata, current, segment)
                    ?? throw (Navigation.Find(metadata, current, segment) is { IsCollection: true }
                        // The OData library binds the collection and refuses the property access on it (MetadataBinder_PropertyAccessSourceNotSingleValue).
                        ? DataverseFault.Create(WebApiErrorCodes.UriParserError, $"The parent value for a property access of a property '{segments[prefix.Split('/').Length]}' is not a single value. Property access can only be applied to a single value.")
                        : ReadNavigation.NotAProperty(metadata, current, segment) ?? DataverseFault.NotImplemented(
                        $"'{path}' in $filter: '{segment}' is not a single-valued navigation property of '{current.LogicalName}' in the local metadata (a collection-valued one, or a lookup such as createdby whose relationship it does not declare)"));
                var target = metadata.FindTable(lookup.Target) ?? throw DataverseFault.UnknownTable(lookup.Target);
                var link = new LinkEntity(current.LogicalName, target.LogicalName, lookup.Column, target.PrimaryIdAttribute, JoinOperator.LeftOuter)
                {
                    EntityAlias = string.Create(CultureInfo.InvariantCulture, $"odatapath{_byPath.Count + 1}"),
                };
                if (parent is null)
                {
                    Links.Add(link);
                }
                else
                {
                    parent.LinkEntities.Add(link);
                }

                known = (link, target);
                _byPath[prefix] = known;
            }

            parent = known.Link;
            current = known.Table;
        }

        return new PathColumn(QueryOptions.Property(current, segments[^1]), parent!.EntityAlias);
    }
}
