using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Turns a query's orders into <see cref="SortKey"/>s, in the order Dataverse applies them.</summary>
internal sealed class SortKeyPlanner(RowAccess access)
{
    public IReadOnlyList<SortKey> Plan(QuerySpec spec, ScopeSet scopes)
    {
        // Dataverse applies the root entity's orders first, then each link-entity's, in document order.
        var keys = spec.Orders.Select(order => SortKeyFor(order, scopes.Resolve(order.EntityName, scopes.Root), spec)).ToList();
        foreach (var scope in scopes.All.Where(scope => !scope.IsRoot))
        {
            keys.AddRange(scope.Link!.Orders.Select(order => SortKeyFor(order, scopes.Resolve(order.EntityName, scope), spec)));
        }

        return keys;
    }

    private SortKey SortKeyFor(OrderSpec order, Scope scope, QuerySpec spec)
    {
        if (order.Attribute is null)
        {
            // QueryBuilderAliasNotAllowedForNonAggregateOrderBy 0x80041132 and QueryBuilderAttributeRequiredForNonAggregateOrderBy
            // 0x80041133 with their published sentences (Web service error codes); InvalidArgument in our words before round 10.
            throw order.Alias is { Length: > 0 } alias
                ? QueryFaults.Create(QueryErrorCodes.QueryBuilderAliasNotAllowedForNonAggregateOrderBy,
                    $"An alias cannot be specified for an order clause for a non-aggregate Query. Use an attribute. (alias '{alias}')")
                : QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeRequiredForNonAggregateOrderBy,
                    "An attribute is required for an order clause for a non-aggregate Query.");
        }

        var column = ColumnReader.For(scope, order.Attribute);
        var definition = column.Column;
        if (ValueKinds.IsReference(definition.Type))
        {
            return new SortKey(column.Name, scope, typeof(string), order.Descending,
                row => column.ReadStored(row) is Microsoft.Xrm.Sdk.EntityReference reference ? access.PrimaryName(reference) : null);
        }

        if (column.Kind == ValueKind.Choice && !spec.UseRawOrderBy)
        {
            return new SortKey(column.Name, scope, typeof(string), order.Descending,
                row => column.Read(row) is int value ? ChoiceLabel(definition, value) : null);
        }

        return new SortKey(column.Name, scope, ClrType(column.Kind), order.Descending, column.Read);
    }

    private static string ChoiceLabel(ColumnDefinition column, int value) =>
        column.Options.FirstOrDefault(option => option.Value == value)?.Label
        ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Text => typeof(string),
        ValueKind.Number => typeof(decimal),
        ValueKind.Float => typeof(double),
        ValueKind.DateTime => typeof(DateTime),
        ValueKind.Identifier => typeof(Guid),
        ValueKind.Boolean => typeof(bool),
        _ => typeof(int),
    };
}
