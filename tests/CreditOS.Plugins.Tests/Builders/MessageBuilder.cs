extern alias plugins;

using Microsoft.Xrm.Sdk;
using CustomerMessage = plugins::CreditOS.Dataverse.Model.CustomerMessage;
using MessageCode = plugins::CreditOS.Dataverse.Model.MessageCode;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>Message codes (configuration rows) and customer messages: <c>AMessageCode("LEGAL").Holding()</c>, <c>AMessage(code).On(account)</c>.</summary>
internal static class MessageBuilder
{
    public static Guid CreateCode(IOrganizationService service, string code, string text, bool hold, bool showOnWorklist = true, string? action = null) =>
        service.Create(new Entity(MessageCode.EntityLogicalName)
        {
            [MessageCode.Fields.Code] = code,
            [MessageCode.Fields.Text] = text,
            [MessageCode.Fields.ActionRequired] = action,
            [MessageCode.Fields.IsHold] = hold,
            [MessageCode.Fields.ShowOnWorklist] = showOnWorklist,
        });

    public static Entity AMessage(Guid codeId, Guid accountId, DateTime? startsOn = null, DateTime? endsOn = null)
    {
        var row = new Entity(CustomerMessage.EntityLogicalName)
        {
            [CustomerMessage.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
            [CustomerMessage.Fields.MessageCodeId] = new EntityReference(MessageCode.EntityLogicalName, codeId),
        };
        if (startsOn is { } start)
        {
            row[CustomerMessage.Fields.StartsOn] = start;
        }

        if (endsOn is { } end)
        {
            row[CustomerMessage.Fields.EndsOn] = end;
        }

        return row;
    }

    /// <summary>Ending a message as a person does it on the form: its end set to now, with why (required for a hold code).</summary>
    public static Entity Ending(Guid messageId, DateTime now, string? reason = "Legal confirmed the dispute is settled.") =>
        new(CustomerMessage.EntityLogicalName, messageId) { [CustomerMessage.Fields.EndsOn] = now, [CustomerMessage.Fields.EndReason] = reason };
}
