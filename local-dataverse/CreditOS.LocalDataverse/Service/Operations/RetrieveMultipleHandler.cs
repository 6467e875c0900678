using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>RetrieveMultiple: answered by the query engine over the rows this transaction sees.</summary>
internal sealed class RetrieveMultipleHandler : IMessageHandler
{
    public string MessageName => MessageNames.RetrieveMultiple;

    public void Describe(MessageContext context)
    {
        var query = context.RequireInput<QueryBase>(ParameterNames.Query);
        context.PrimaryEntityName = query switch
        {
            QueryExpression expression => expression.EntityName,
            QueryByAttribute byAttribute => byAttribute.EntityName,
            _ => "none",
        };
    }

    public void Execute(MessageContext context)
    {
        var query = context.RequireInput<QueryBase>(ParameterNames.Query);
        var transaction = context.RequireTransaction();
        var rows = SecurityGuard.Secure(context, new TransactionRowSource(context.Metadata, transaction));
        var view = new AggregateView(transaction.Aggregates, context.UserId, transaction.Store.CommitCount, transaction.WriteCount);
        var byValue = context.Input.TryGetValue(LocalQueryParameters.OrderChoicesByValue, out var flag) && flag is true;
        var caller = new QueryCaller(() => context.Principal);
        var result = new QueryEngine(rows, context.Runtime.Clock, view, context.FindRow, caller).Execute(query, byValue);
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

        context.Output[ParameterNames.BusinessEntityCollection] = entities;
        if (context.Origin.Accounting is { } accounting)
        {
            accounting.RowsReturned += result.Entities.Entities.Count;
            accounting.RowsExamined += result.RowsExamined;
        }
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new RetrieveMultipleResponse();
        response.Results[ParameterNames.EntityCollection] = context.Output[ParameterNames.BusinessEntityCollection];
        return response;
    }
}
