using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>SetState: Dataverse carries it out as an Update of statecode and statuscode, so Update steps run too.</summary>
internal sealed class SetStateHandler : IMessageHandler
{
    /// <summary>
    /// Status -1: "the system sets the appropriate corresponding status value" (SetStateRequest.Status). The update then
    /// carries the state alone and takes the state's default status, as an Update of statecode alone does.
    /// </summary>
    private const int DefaultStatus = -1;

    public string MessageName => MessageNames.SetState;

    public void Describe(MessageContext context)
    {
        var moniker = context.RequireInput<EntityReference>(ParameterNames.EntityMoniker);
        var (table, id) = TargetResolver.Resolve(context, moniker.LogicalName, moniker.Id, moniker.KeyAttributes);
        if (table.FindColumn(SystemColumns.StateCode) is null && !DisabledState.Applies(context.Metadata, table.LogicalName))
        {
            // A table without state (team, role): its table reference lists no SetState message, so the platform has no
            // processor for it, as for Create on an intersect table.
            throw DataverseFault.Create(
                DataverseErrorCodes.SdkEntityDoesNotSupportMessage,
                $"The '{MessageName}' method does not support entities of type '{table.LogicalName}'. MessageProcessorCache returned MessageProcessor.Empty. ");
        }

        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    /// <summary>
    /// Before stage 20 (IMessageHandler.Authorize: PreValidation runs "before any security checks", PreOperation after them,
    /// learn.microsoft.com/power-apps/developer/data-platform/event-framework): Write on the row (SetState is an Update of statecode and statuscode), the privilege and its depth, so a SetState
    /// pre-operation step never runs for a caller who may not change the row. A missing row is left to the core
    /// operation's not-found fault.
    /// </summary>
    public void Authorize(MessageContext context)
    {
        if (context.FindRow(context.PrimaryEntityName, context.PrimaryEntityId) is { } row)
        {
            SecurityGuard.Check(context, AccessRight.Write, RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName), row);
        }
    }

    public void Execute(MessageContext context)
    {
        var state = context.RequireInput<OptionSetValue>(ParameterNames.State);
        var status = context.RequireInput<OptionSetValue>(ParameterNames.Status);
        if (DisabledState.Applies(context.Metadata, context.PrimaryEntityName))
        {
            context.ExecuteWithin(new UpdateRequest { Target = DisabledState.Update(context.PrimaryEntityName, context.PrimaryEntityId, state.Value, status.Value) });
            return;
        }

        var update = new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { [SystemColumns.StateCode] = new OptionSetValue(state.Value) };
        if (status.Value != DefaultStatus)
        {
            update[SystemColumns.StatusCode] = new OptionSetValue(status.Value);
        }

        context.ExecuteWithin(new UpdateRequest { Target = update });
    }

    public OrganizationResponse Respond(MessageContext context) => new SetStateResponse();
}
