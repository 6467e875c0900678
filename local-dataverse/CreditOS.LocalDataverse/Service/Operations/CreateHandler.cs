using CreditOS.LocalDataverse.Currency;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>Create: validates, stamps system columns, honours a supplied id and refuses a duplicate one.</summary>
internal sealed class CreateHandler : IMessageHandler
{
    public string MessageName => MessageNames.Create;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        if (context.Runtime.Security.IsIntersect(table.LogicalName) || table.LogicalName == ActivityParties.Table)
        {
            // Intersect rows are written only through Associate; activity parties only through the activity's PartyList columns.
            // Dataverse writes intersect rows only through Associate; Create on them is refused for every caller.
            throw DataverseFault.Create(
                DataverseErrorCodes.SdkEntityDoesNotSupportMessage,
                $"The '{MessageName}' method does not support entities of type '{table.LogicalName}'. MessageProcessorCache returned MessageProcessor.Empty. ");
        }

        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = SuppliedId(target, table.PrimaryIdAttribute);
        LookupKeyReferences.Resolve(context, target);
    }

    /// <summary>Before stage 20: the caller holds prvCreate on the table (IMessageHandler.Authorize).</summary>
    public void Authorize(MessageContext context)
    {
        var table = RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName);
        SecurityGuard.RequirePrivilege(context, AccessRight.Create, table);
    }

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var target = context.RequireInput<Entity>(ParameterNames.Target);
        var table = RecordValidator.RequireTable(context.Metadata, target.LogicalName);
        var id = SuppliedId(target, table.PrimaryIdAttribute);
        if (id == Guid.Empty)
        {
            id = Guid.NewGuid();
        }

        if (target.HasRelatedEntities)
        {
            throw DataverseFault.NotImplemented("Create with RelatedEntities (deep insert)");
        }

        var values = RecordValidator.Validate(table, target, isCreate: true, context.RowExists);
        CurrencyStamper.DefaultCurrency(context, table, values);
        NumberPrecision.Round(context, table, values, current: null);
        HierarchyLoopGuard.Check(context, table, id, values);
        var parties = ActivityParties.Read(context, table, target);
        var row = new Entity(table.LogicalName, id);
        foreach (var (column, value) in values)
        {
            if (value is not null)
            {
                row[column] = value;
            }
        }

        row[table.PrimaryIdAttribute] = id;
        FullName.Compose(table, row, written: null);
        CurrencyStamper.Stamp(context, table, row, values, isCreate: true);
        var runtime = context.Runtime;
        QueueItemColumns.OnCreate(context, table, row, runtime.Clock.GetUtcNow().UtcDateTime);
        var owner = row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId) ?? new EntityReference(UserDirectory.SystemUserTable, context.UserId);
        SystemColumnStamper.OnCreate(
            table,
            row,
            context.UserId,
            runtime.Users.BusinessUnitOfOwner(owner, context.FindRow),
            runtime.Clock.GetUtcNow().UtcDateTime,
            runtime.NextVersion(),
            context.DelegateUserId);
        RecordValidator.EnsureSystemRequiredPresent(table, row);
        RecordValidator.EnsureStatusBelongsToState(table, row);
        SecurityRowRules.CheckCreate(context, values);
        SecurityGuard.CheckCreate(context, table, row, values);
        NewOwnerAccess.Check(context, table, row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId));

        transaction.LockRow(table.LogicalName, id);
        if (transaction.Find(table.LogicalName, id) is not null)
        {
            throw DataverseFault.Create(DataverseErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        }

        AlternateKeys.EnsureUnique(context, table, row);
        transaction.Put(table.LogicalName, row);
        context.PrimaryEntityId = id;
        ActivityParties.Write(context, id, parties);
        context.Output[ParameterNames.Id] = id;
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new CreateResponse();
        response.Results[ParameterNames.Id] = context.Output[ParameterNames.Id];
        return response;
    }

    private static Guid SuppliedId(Entity target, string primaryIdColumn)
    {
        if (target.Attributes.TryGetValue(primaryIdColumn, out var value) && value is Guid fromColumn && fromColumn != Guid.Empty)
        {
            if (target.Id != Guid.Empty && target.Id != fromColumn)
            {
                // Round 11: Dataverse's sentence and code; it was InvalidArgument in our own words.
                throw DataverseFault.EntityIdMismatch();
            }

            return fromColumn;
        }

        return target.Id;
    }
}
