using CreditOS.LocalDataverse.Values;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>SetState: Dataverse carries it out as an Update of statecode and statuscode, so Update steps run too.</summary>
internal sealed class SetStateHandler : IMessageHandler
{
    /// <summary>Status -1 asks for the state's default status reason (SetStateRequest, as Dataverse reads it).</summary>
    private const int DefaultStatus = -1;

    public string MessageName => MessageNames.SetState;

    public void Describe(MessageContext context)
    {
        var moniker = context.RequireInput<EntityReference>(ParameterNames.EntityMoniker);
        var (table, id) = TargetResolver.Resolve(context, moniker.LogicalName, moniker.Id, moniker.KeyAttributes);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    public void Execute(MessageContext context)
    {
        var state = context.RequireInput<OptionSetValue>(ParameterNames.State);
        var status = context.RequireInput<OptionSetValue>(ParameterNames.Status);
        var update = new Entity(context.PrimaryEntityName, context.PrimaryEntityId)
        {
            [SystemColumns.StateCode] = new OptionSetValue(state.Value),
        };
        if (status.Value != DefaultStatus)
        {
            update[SystemColumns.StatusCode] = new OptionSetValue(status.Value);
        }

        context.ExecuteWithin(new UpdateRequest { Target = update });
    }

    public OrganizationResponse Respond(MessageContext context) => new SetStateResponse();
}
