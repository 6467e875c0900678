using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Upsert: updates the row the id or alternate key identifies, or creates it when there is none, as "Understand the upsert
/// process for standard tables" (Use Upsert to Create or Update a record) describes: when the row exists, the Target's
/// attributes named by its KeyAttributes are removed before the Update ("you can't update the alternate key values of a record
/// when you're using those alternate key values to identify it"); when it does not, the key values are copied only into the
/// attributes the Target does not already have ("even if the values are different"). The inner Create or Update runs through
/// the pipeline in the same transaction.
/// </summary>
internal sealed class UpsertHandler : IMessageHandler
{
    public string MessageName => MessageNames.Upsert;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        if (target.HasRelatedEntities)
        {
            // The inner Create or Update would carry them in Dataverse; the copy made for it here does not (controls round
            // 23): refused loudly before any step runs.
            throw DataverseFault.NotImplemented("Upsert with RelatedEntities (deep insert or update)");
        }

        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = target.Id;
    }

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        foreach (var key in target.KeyAttributes)
        {
            transaction.Lock(Storage.LockResource.AlternateKey(table.LogicalName, "upsert:" + key.Key, Storage.IndexKey.Normalize(key.Value)?.ToString() ?? string.Empty));
        }

        var existing = target.Id != Guid.Empty
            ? (context.FindRow(table.LogicalName, target.Id) is not null ? target.Id : (Guid?)null)
            : target.KeyAttributes.Count > 0 ? AlternateKeys.Resolve(context, table, target.KeyAttributes) : null;

        var record = ValueCopier.Copy(target);
        record.KeyAttributes.Clear();
        if (existing is { } id)
        {
            record.Id = id;
            foreach (var key in target.KeyAttributes)
            {
                record.Attributes.Remove(key.Key);
            }

            context.ExecuteWithin(new UpdateRequest { Target = record });
            context.PrimaryEntityId = id;
            context.Output[ParameterNames.RecordCreated] = false;
        }
        else
        {
            foreach (var key in target.KeyAttributes.Where(key => !record.Attributes.ContainsKey(key.Key)))
            {
                record[key.Key] = key.Value;
            }

            var created = (CreateResponse)context.ExecuteWithin(new CreateRequest { Target = record });
            context.PrimaryEntityId = created.id;
            context.Output[ParameterNames.RecordCreated] = true;
        }

        context.Output[ParameterNames.Target] = new EntityReference(table.LogicalName, context.PrimaryEntityId);
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new UpsertResponse();
        response.Results[ParameterNames.RecordCreated] = context.Output[ParameterNames.RecordCreated];
        response.Results[ParameterNames.Target] = context.Output[ParameterNames.Target];
        return response;
    }
}
