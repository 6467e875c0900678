using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>Retrieve: one row by id or alternate key, with the columns asked for (those holding a value) and the id.</summary>
internal sealed class RetrieveHandler : IMessageHandler
{
    private const string RelatedEntitiesQuery = "RelatedEntitiesQuery";

    public string MessageName => MessageNames.Retrieve;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        ActivityParties.RefuseDirect(MessageName, table.LogicalName);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    public void Execute(MessageContext context)
    {
        var columnSet = context.RequireInput<ColumnSet>(ParameterNames.ColumnSet);
        if (context.Input.TryGetValue(RelatedEntitiesQuery, out var related) && related is RelationshipQueryCollection { Count: > 0 })
        {
            throw Faults.DataverseFault.NotImplemented("Retrieve with RelatedEntitiesQuery");
        }

        var table = RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName);
        var columns = columnSet.AllColumns ? null : columnSet.Columns.ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns ?? [])
        {
            RecordValidator.RequireColumn(table, column);
        }

        var row = TargetResolver.RequireRow(context, table.LogicalName, context.PrimaryEntityId);
        SecurityGuard.Check(context, AccessRight.Read, table, row);
        var projected = ValueCopier.Project(row, table.PrimaryIdAttribute, columns);
        foreach (var party in table.Columns.Values.Where(c => ActivityParties.IsPartyList(c) && (columns is null || columns.Contains(c.LogicalName))))
        {
            projected[party.LogicalName] = ActivityParties.ValueOf(context, party, row.Id);
        }

        SecurityGuard.RemoveUnreadableColumns(context, projected);
        context.Output[ParameterNames.BusinessEntity] = projected;
        if (context.Origin.Accounting is { } accounting)
        {
            accounting.RowsReturned++;
            accounting.RowsExamined++;
        }
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new RetrieveResponse();
        response.Results[ParameterNames.Entity] = context.Output[ParameterNames.BusinessEntity];
        return response;
    }
}
