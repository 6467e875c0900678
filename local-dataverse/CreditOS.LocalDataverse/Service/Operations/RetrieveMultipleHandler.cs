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
            FetchExpression fetch => FetchEntityName(fetch.Query) ?? "none",
            _ => "none",
        };
    }

    /// <summary>
    /// The table a FetchXML query reads, so that steps registered on it run for FetchXML as for the other query types ("the
    /// Query … can be one of three types: FetchExpression, QueryExpression, QueryByAttribute", Implement all types of queries
    /// when filtering results using PreOperation RetrieveMultiple). Before session 20 a FetchExpression named no table and no
    /// table's RetrieveMultiple step ran for it. Malformed XML is left to the query engine's faults.
    /// </summary>
    private static string? FetchEntityName(string? fetchXml) => FetchXmlParser.TableOf(fetchXml);

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
