using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// A $apply group on a related row's column (Web API round 13; it answered 501): "Total account revenue by primary contact name",
/// <c>accounts?$apply=groupby((primarycontactid/fullname),aggregate(revenue with sum as total))</c>, and "Primary contact names for
/// accounts in 'WA'", <c>filter(address1_stateorprovince eq 'WA')/groupby((primarycontactid/fullname))</c>, answer each group's value
/// as <c>"contact_fullname"</c>: the related table's logical name, an underscore, the column (Aggregate data using OData,
/// webapi/query/aggregate-data). The navigation property becomes the same outer link a $filter path uses (<see cref="LookupPaths"/>),
/// so rows without the related row form the null group, whose property is left out as for the row's own columns. Microsoft shows one
/// navigation property then a column; deeper paths, and two groups whose names would collide, are refused as not implemented.
/// </summary>
internal sealed record ApplyRelatedGroup(TableDefinition Target, ColumnDefinition Column, string LinkAlias, string Name)
{
    public static ApplyRelatedGroup Resolve(MetadataCatalog metadata, TableDefinition table, string path, LookupPaths paths)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(paths);
        var segments = path.Split('/');
        if (segments.Length != 2)
        {
            throw DataverseFault.NotImplemented(
                $"grouping by '{path}' in $apply: Microsoft documents one navigation property then a column (primarycontactid/fullname, answered as contact_fullname), not the name of a deeper path");
        }

        var lookup = ReadNavigation.Find(metadata, table, segments[0])
            ?? throw ReadNavigation.NotAProperty(metadata, table, segments[0]) ?? DataverseFault.NotImplemented(
                $"grouping by '{path}' in $apply: '{segments[0]}' is not a single-valued navigation property of '{table.LogicalName}' in the local metadata");
        var target = metadata.FindTable(lookup.Target) ?? throw DataverseFault.UnknownTable(lookup.Target);
        var resolved = paths.Resolve(table, path);
        ApplyOption.CheckGroupable(resolved.Column, path);
        return new ApplyRelatedGroup(target, resolved.Column, resolved.Alias, target.LogicalName + "_" + resolved.Column.LogicalName);
    }

    /// <summary>Refuses groups whose answer names collide with each other or with the row's own groups and the aggregates' aliases.</summary>
    public static void RefuseCollisions(IReadOnlyList<ApplyRelatedGroup> groups, ApplyOption apply)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(apply);
        var taken = apply.GroupBy.Select(column => column.LogicalName).Concat(apply.Aggregates.Select(aggregate => aggregate.Alias)).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!taken.Add(group.Name))
            {
                throw DataverseFault.NotImplemented(
                    $"two $apply groups or aliases answered as '{group.Name}' (how Dataverse names a related group that collides is not documented)");
            }
        }
    }
}
