using CreditOS.LocalDataverse.Values;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>Assign: an Update of ownerid, as Dataverse carries it out (Update steps filtering on ownerid run).</summary>
internal sealed class AssignHandler : IMessageHandler
{
    public string MessageName => MessageNames.Assign;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    public void Execute(MessageContext context)
    {
        var assignee = context.RequireInput<EntityReference>(ParameterNames.Assignee);
        var update = new Entity(context.PrimaryEntityName, context.PrimaryEntityId)
        {
            [SystemColumns.OwnerId] = new EntityReference(assignee.LogicalName, assignee.Id),
        };
        context.ExecuteWithin(new UpdateRequest { Target = update });
    }

    public OrganizationResponse Respond(MessageContext context) => new AssignResponse();
}
