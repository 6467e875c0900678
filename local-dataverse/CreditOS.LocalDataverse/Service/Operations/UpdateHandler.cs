using CreditOS.LocalDataverse.Currency;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>Update: changes only the columns given; by id or by alternate key.</summary>
internal sealed class UpdateHandler : IMessageHandler
{
    public string MessageName => MessageNames.Update;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        if (target.HasRelatedEntities)
        {
            // Dataverse updates (or creates) the related rows given with the target in the same operation ("Update related
            // table rows in one operation", org-service/entity-operations-update-delete); not modelled here, so refused
            // loudly, before any step runs, rather than writing the primary row alone and dropping the related rows' changes
            // (controls round 23).
            throw DataverseFault.NotImplemented("Update with RelatedEntities (deep update)");
        }

        if (IdOf(target, context) == Guid.Empty && target.KeyAttributes is null or { Count: 0 })
        {
            // "If you attempt to update a row without a primary key value you will get the error: Entity Id must be specified for
            // Update" (Update and delete table rows using the SDK for .NET, org-service/entity-operations-update-delete). It said
            // "A reference to 'account' needs an Id or KeyAttributes." before fidelity round 6; Microsoft gives no code.
            throw DataverseFault.InvalidArgument("Entity Id must be specified for Update");
        }

        RefuseTwoIds(target, context);
        if (target.KeyAttributes is { Count: > 0 })
        {
            AlternateKeyUpdate.RefuseKeyChange(target.LogicalName, target.KeyAttributes.Select(key => KeyValuePair.Create(key.Key, (object?)key.Value)), target.Attributes);
        }

        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, IdOf(target, context), target.KeyAttributes);
        target.Id = id;
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
        LookupKeyReferences.Resolve(context, target);
    }

    /// <summary>
    /// Before stage 20: Write on the row as it stands (Assign and Read too when the target gives another owner), the privilege
    /// and its depth (IMessageHandler.Authorize). A missing row is left to the core operation's not-found fault.
    /// </summary>
    public void Authorize(MessageContext context)
    {
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        var table = RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName);
        if (context.Runtime.Security.IsIntersect(table.LogicalName) || table.LogicalName == ActivityParties.Table
            || context.FindRow(table.LogicalName, context.PrimaryEntityId) is not { } current)
        {
            return;
        }

        var ownerChanges = target.Attributes.TryGetValue(SystemColumns.OwnerId, out var owner)
            && (owner as EntityReference)?.Id != current.GetAttributeValue<EntityReference>(SystemColumns.OwnerId)?.Id;
        SecurityGuard.CheckUpdatePrivileges(context, table, current, ownerChanges);
    }

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        if (context.Runtime.Security.IsIntersect(table.LogicalName) || table.LogicalName == ActivityParties.Table)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.SdkEntityDoesNotSupportMessage,
                $"The '{MessageName}' method does not support entities of type '{table.LogicalName}'. MessageProcessorCache returned MessageProcessor.Empty. ");
        }

        var id = context.PrimaryEntityId;
        if (target.Id != Guid.Empty && target.Id != id)
        {
            throw DataverseFault.InvalidArgument("A plug-in cannot change the Id of the Update target.");
        }

        var values = RecordValidator.Validate(table, target, isCreate: false, context.RowExists, QueueItemColumns.WrittenByThePlatform(context, table));
        var parties = ActivityParties.Read(context, table, target);
        values.Remove(table.PrimaryIdAttribute);
        HierarchyLoopGuard.Check(context, table, id, values);

        transaction.LockRow(table.LogicalName, id);
        var current = transaction.Find(table.LogicalName, id) ?? throw DataverseFault.RecordNotFound(table.LogicalName, id);
        RowVersionGuard.Check(context, target.RowVersion, current);
        SecurityRowRules.CheckUpdate(context, table.LogicalName, id, values);
        NumberPrecision.Round(context, table, values, current);
        SecurityGuard.CheckUpdate(context, table, current, values);
        if (values.TryGetValue(SystemColumns.OwnerId, out var ownerValue) && ownerValue is EntityReference owner
            && owner.Id != current.GetAttributeValue<EntityReference>(SystemColumns.OwnerId)?.Id)
        {
            NewOwnerAccess.Check(context, table, owner);
        }
        var row = new Entity(table.LogicalName, id);
        row.Attributes.EnsureCapacity(current.Attributes.Count + values.Count);
        foreach (var attribute in current.Attributes)
        {
            row[attribute.Key] = attribute.Value;
        }

        var previousState = current.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode)?.Value;
        foreach (var (column, value) in values)
        {
            if (value is null)
            {
                row.Attributes.Remove(column);
            }
            else
            {
                row[column] = value;
            }
        }

        FullName.Compose(table, row, values);
        CurrencyStamper.Stamp(context, table, row, values, isCreate: false);
        var runtime = context.Runtime;
        if (values.ContainsKey(SystemColumns.OwnerId) && table.FindColumn(SystemColumns.OwningBusinessUnit) is not null)
        {
            // The owning business unit follows the owner, as on Assign.
            row[SystemColumns.OwningBusinessUnit] = new EntityReference(
                UserDirectory.BusinessUnitTable,
                runtime.Users.BusinessUnitOfOwner(row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId), context.FindRow));
        }

        if (values.ContainsKey(SystemColumns.OwnerId))
        {
            SystemColumnStamper.StampOwningPrincipal(table, row);
        }

        SystemColumnStamper.OnUpdate(
            table,
            row,
            stateChanged: row.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode)?.Value != previousState,
            statusGiven: values.ContainsKey(SystemColumns.StatusCode),
            context.UserId,
            runtime.Clock.GetUtcNow().UtcDateTime,
            runtime.NextVersion(),
            context.DelegateUserId);
        RecordValidator.EnsureSystemRequiredPresent(table, row);
        RecordValidator.EnsureStatusBelongsToState(table, row);
        AlternateKeys.EnsureUnique(context, table, row, values);
        transaction.Put(table.LogicalName, row);
        ActivityParties.Write(context, id, parties);
        if (values.TryGetValue(SystemColumns.OwnerId, out var newOwner) && newOwner is EntityReference assignee)
        {
            // An Update of ownerid is an Assign (AssignHandler carries Assign out as one): its cascade follows.
            AssignCascade.Apply(context, table, id, current.GetAttributeValue<EntityReference>(SystemColumns.OwnerId), assignee);
        }
    }

    public OrganizationResponse Respond(MessageContext context) => new UpdateResponse();

    /// <summary>
    /// Round 11: an Id and a primary-key column that name two rows are refused, as Create refuses them; before, the Update wrote
    /// the row of Entity.Id and silently dropped the column.
    /// </summary>
    private static void RefuseTwoIds(Entity target, MessageContext context)
    {
        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        if (target.Id != Guid.Empty && target.Attributes.TryGetValue(table.PrimaryIdAttribute, out var value)
            && value is Guid fromColumn && fromColumn != Guid.Empty && fromColumn != target.Id)
        {
            throw DataverseFault.EntityIdMismatch();
        }
    }

    private static Guid IdOf(Entity target, MessageContext context)
    {
        if (target.Id != Guid.Empty)
        {
            return target.Id;
        }

        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        return target.Attributes.TryGetValue(table.PrimaryIdAttribute, out var value) && value is Guid id ? id : Guid.Empty;
    }
}
