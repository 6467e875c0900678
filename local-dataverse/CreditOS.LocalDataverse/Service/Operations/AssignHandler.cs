using CreditOS.LocalDataverse.Security;
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

    /// <summary>
    /// Before stage 20 (IMessageHandler.Authorize: PreValidation runs "before any security checks", PreOperation after them,
    /// learn.microsoft.com/power-apps/developer/data-platform/event-framework): Write, Assign and Read on the row, the privileges and their depth ("Assign a record: ASSIGN, WRITE, READ", security-access-rights). A missing row is left to the core
    /// operation's not-found fault.
    /// </summary>
    public void Authorize(MessageContext context)
    {
        if (context.FindRow(context.PrimaryEntityName, context.PrimaryEntityId) is { } row)
        {
            SecurityGuard.CheckUpdatePrivileges(context, RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName), row, ownerChanges: true);
        }
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
