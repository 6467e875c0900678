using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Lookup values given by alternate key. "Alternative input to messages: When passing entities to CreateRequest and UpdateRequest,
/// values provided for lookup attributes using an EntityReference can now use EntityReference with alternate keys defined in
/// KeyAttributes to specify the related record. These will be resolved to and replaced by primary ID based entity references before
/// the messages are processed." (Use an alternate key to create a record, Dynamics 365 developer guide dn932140; today's "Create
/// table rows using the SDK for .NET", "Use alternate keys": <c>account["primarycontactid"] = new EntityReference("contact",
/// "sample_username", "john.smith123")</c>). A key that matches no row faults as Retrieve by key does ("A record with the
/// specified key values does not exist in contact entity", 0x80060891 RecordNotFoundByEntityKey since Web API round 9). Before fidelity round 6 such a value was refused ("has an EntityReference
/// without an Id").
/// </summary>
internal static class LookupKeyReferences
{
    /// <summary>Replaces, in the message's own copy of the target, every lookup given by alternate key with the id it names.</summary>
    public static void Resolve(MessageContext context, Entity target)
    {
        foreach (var (column, value) in target.Attributes.ToList())
        {
            if (value is EntityReference reference && reference.Id == Guid.Empty && reference.KeyAttributes is { Count: > 0 } keys)
            {
                var table = RecordValidator.RequireTable(context.Metadata, reference.LogicalName);
                var id = AlternateKeys.Resolve(context, table, keys) ?? throw DataverseFault.RecordNotFoundByKey(table.LogicalName);
                target[column] = new EntityReference(table.LogicalName, id);
            }
        }
    }
}
