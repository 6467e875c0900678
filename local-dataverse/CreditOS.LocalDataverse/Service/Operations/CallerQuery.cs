using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// A query answered as the calling user in the operation's transaction: the rows their roles reach, the columns their field security
/// profiles read, counted in the call accounting. RetrieveMultiple runs its query so, and Retrieve its RelatedEntitiesQuery (round 12).
/// </summary>
internal static class CallerQuery
{
    public static EntityCollection Run(MessageContext context, QueryBase query, bool orderChoicesByValue = false)
    {
        var transaction = context.RequireTransaction();
        var unsecured = new TransactionRowSource(context.Metadata, transaction);
        var rows = SecurityGuard.Secure(context, unsecured);
        var view = new AggregateView(transaction.Aggregates, context.UserId, transaction.Store.CommitCount, transaction.WriteCount);
        var caller = new QueryCaller(() => context.Principal);
        var result = new QueryEngine(rows, context.Runtime.Clock, view, context.FindRow, caller, unsecured).Execute(query, orderChoicesByValue);
        // The engine's rows are fresh instances built for this call; only what it keeps (aggregate results) is copied again.
        var entities = result.SharesInstances ? Values.ValueCopier.Copy(result.Entities) : result.Entities;
        ActivityParties.FillAllColumns(context, query, entities);
        // An aggregate's values were computed over rows whose unreadable secured columns were already null
        // (SecurityGuard.Secure): a count of such a column is 0, not a hidden column, and is returned.
        if (!result.IsAggregate)
        {
            foreach (var entity in entities.Entities)
            {
                SecurityGuard.RemoveUnreadableColumns(context, entity);
            }
        }

        if (context.Origin.Accounting is { } accounting)
        {
            accounting.RowsReturned += result.Entities.Entities.Count;
            accounting.RowsExamined += result.RowsExamined;
        }

        return entities;
    }
}
