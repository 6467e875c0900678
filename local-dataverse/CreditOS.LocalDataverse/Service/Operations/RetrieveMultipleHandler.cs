using CreditOS.LocalDataverse.Query;
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
        var byValue = context.Input.TryGetValue(LocalQueryParameters.OrderChoicesByValue, out var flag) && flag is true;
        context.Output[ParameterNames.BusinessEntityCollection] = CallerQuery.Run(context, query, byValue);
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new RetrieveMultipleResponse();
        response.Results[ParameterNames.EntityCollection] = context.Output[ParameterNames.BusinessEntityCollection];
        return response;
    }
}
