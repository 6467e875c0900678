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

    /// <summary>
    /// Before stage 20 (IMessageHandler.Authorize: PreValidation runs "before any security checks", PreOperation after them,
    /// learn.microsoft.com/power-apps/developer/data-platform/event-framework): Read on the row, the privilege and its depth. A missing row is left to the core
    /// operation's not-found fault.
    /// </summary>
    public void Authorize(MessageContext context) => AuthorizeRead(context);

    /// <summary>Read on the primary row, when it exists (shared with the messages that read a row to answer about it).</summary>
    internal static void AuthorizeRead(MessageContext context)
    {
        if (context.FindRow(context.PrimaryEntityName, context.PrimaryEntityId) is { } row)
        {
            SecurityGuard.Check(context, AccessRight.Read, RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName), row);
        }
    }

    public void Execute(MessageContext context)
    {
        var columnSet = context.RequireInput<ColumnSet>(ParameterNames.ColumnSet);
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
        FillFormattedValues(context, table, projected, row);
        if (context.Origin.Accounting is { } accounting)
        {
            accounting.RowsReturned++;
            accounting.RowsExamined++;
        }

        // Round 12: the related rows asked for (RelatedRows); before, any RelatedEntitiesQuery was refused as not implemented.
        if (context.Input.TryGetValue(RelatedEntitiesQuery, out var related) && related is RelationshipQueryCollection { Count: > 0 } queries)
        {
            RelatedRows.Fill(context, table, row, projected, queries);
        }

        context.Output[ParameterNames.BusinessEntity] = projected;
    }

    /// <summary>
    /// Lookups carry their row's primary name (EntityReference.Name "is not automatically populated unless the
    /// EntityReference object has been retrieved from the server") and every value its formatted value, as from a query.
    /// </summary>
    private static void FillFormattedValues(MessageContext context, Solution.Metadata.TableDefinition table, Entity projected, Entity stored)
    {
        var lookups = new Formatting.FormattingLookups(context.Metadata, context.FindRow);
        Formatting.DeferredFormats.Of(projected, projected.Attributes.Count);
        foreach (var (name, value) in projected.Attributes.ToList())
        {
            if (value is not null && table.FindColumn(name) is { } column)
            {
                lookups.Fill(projected, name, table, column, value, stored);
            }
        }
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new RetrieveResponse();
        response.Results[ParameterNames.Entity] = context.Output[ParameterNames.BusinessEntity];
        return response;
    }
}
