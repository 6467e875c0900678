using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Reads the collection-valued navigation properties a $filter lambda (any/all) ranges over, as the caller, and turns the lambda into
/// a condition on the parent rows. <see cref="FilterParser"/> refuses lambdas (501) when it is given none.
/// </summary>
public interface ILambdaResolver
{
    /// <summary>The table of the collection-valued navigation property <paramref name="navigation"/> of <paramref name="table"/>.</summary>
    TableDefinition Target(TableDefinition table, string navigation);

    /// <summary>The condition on <paramref name="table"/>'s rows for navigation/kind(predicate); a null predicate is any() without one.</summary>
    ConditionExpression Resolve(TableDefinition table, string navigation, string kind, FilterExpression? predicate);
}
