using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Who runs a query, for the condition operators relative to the calling user; read only when such an operator is used.</summary>
internal sealed class QueryCaller(Func<Security.Principal> read)
{
    private readonly Lazy<Security.Principal> _principal = new(read);

    public Guid UserId => _principal.Value.UserId;

    public Guid BusinessUnitId => _principal.Value.BusinessUnitId;

    public IReadOnlySet<Guid> TeamIds => _principal.Value.TeamIds;
}

/// <summary>
/// The operators relative to the calling user (FetchXml condition operators, fetchxml/reference/operators): eq-userid / ne-userid
/// ("equal to the calling user's id", no value; `&lt;condition attribute='ownerid' operator='eq-userid' /&gt;`), eq-businessid /
/// ne-businessid (the calling user's business unit), both on unique identifier columns; eq-userteams (owned by a team the user
/// is a member of) and eq-useroruserteams (by the user or one of those teams), on owner columns. They were refused as not
/// supported. The hierarchy ones (eq-useroruserhierarchy…) need the manager hierarchy, which is not modelled: still refused.
/// Comparisons follow SQL: a null column matches neither an operator nor its negation.
/// </summary>
internal static class CallerOperators
{
    public static bool Handles(ConditionOperator op) => op is ConditionOperator.EqualUserId or ConditionOperator.NotEqualUserId
        or ConditionOperator.EqualBusinessId or ConditionOperator.NotEqualBusinessId
        or ConditionOperator.EqualUserTeams or ConditionOperator.EqualUserOrUserTeams;

    public static RowPredicate Compile(ColumnReader column, ConditionOperator op, object?[] values, QueryCaller? caller)
    {
        var where = $"'{column.Scope.Table.LogicalName}.{column.Name}'";
        if (caller is null)
        {
            throw QueryFaults.NotSupported($"the condition operator {op} (on {where}) without a calling user: run the query through the organization service");
        }

        ConditionArity.ExpectNone(op, values);

        var ownerOnly = op is ConditionOperator.EqualUserTeams or ConditionOperator.EqualUserOrUserTeams;
        if (column.Kind != ValueKind.Identifier || (ownerOnly && column.Column.Type != CreditOS.Solution.Metadata.ColumnType.Owner))
        {
            throw QueryFaults.InvalidArgument(
                $"The {op} operator applies to {(ownerOnly ? "owner" : "unique identifier and lookup")} columns; {where} is {column.Column.Type}.");
        }

        var user = caller.UserId;
        var unit = caller.BusinessUnitId;
        var teams = caller.TeamIds;
        Func<Guid, bool> matches = op switch
        {
            ConditionOperator.EqualUserId => id => id == user,
            ConditionOperator.NotEqualUserId => id => id != user,
            ConditionOperator.EqualBusinessId => id => id == unit,
            ConditionOperator.NotEqualBusinessId => id => id != unit,
            ConditionOperator.EqualUserTeams => teams.Contains,
            _ => id => id == user || teams.Contains(id),
        };
        return row => column.Read(row) is Guid id && matches(id);
    }
}
