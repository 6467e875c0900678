using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>WhoAmI: the calling user, their business unit and the organization.</summary>
internal sealed class WhoAmIHandler : IMessageHandler
{
    public string MessageName => MessageNames.WhoAmI;

    public void Describe(MessageContext context)
    {
    }

    public void Execute(MessageContext context)
    {
        context.Output[ParameterNames.UserId] = context.UserId;
        context.Output[ParameterNames.BusinessUnitId] = context.Runtime.Users.BusinessUnitOf(context.UserId);
        context.Output[ParameterNames.OrganizationId] = context.Runtime.OrganizationId;
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new WhoAmIResponse();
        foreach (var result in context.Output)
        {
            response.Results[result.Key] = result.Value;
        }

        return response;
    }
}
