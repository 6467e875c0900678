using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Storage;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// The PartyList columns of an activity (email to, from, cc, bcc…), as Dataverse keeps them: not a value on the
/// activity's row but one <c>activityparty</c> row per party, with the activity in <c>activityid</c>, the party in
/// <c>partyid</c> (or only an <c>addressused</c>) and the column it came from in <c>participationtypemask</c>
/// (Microsoft's "activityparty table": Sender 1, ToRecipient 2, CCRecipient 3, BccRecipient 4, RequiredAttendee 5,
/// OptionalAttendee 6, Organizer 7, Resource 10, Customer 11). Create and Update take the column as an EntityCollection
/// of activityparty entities; Retrieve gives it back the same way; the rows are queried like any table.
/// </summary>
internal static class ActivityParties
{
    public const string Table = "activityparty";
    public const string ActivityIdColumn = "activityid";
    public const string PartyIdColumn = "partyid";
    public const string AddressUsedColumn = "addressused";
    public const string MaskColumn = "participationtypemask";

    /// <summary>The columns the caller may give on an activityparty entity inside a PartyList value.</summary>
    private static readonly HashSet<string> PartyColumns = new(StringComparer.Ordinal) { PartyIdColumn, AddressUsedColumn, MaskColumn };

    public static bool IsPartyList(ColumnDefinition? column) => column?.Type == ColumnType.PartyList;

    /// <summary>activityparty supports RetrieveMultiple only (Microsoft's table reference lists no other message).</summary>
    public static void RefuseDirect(string message, string table)
    {
        if (table == Table)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.SdkEntityDoesNotSupportMessage,
                $"The '{message}' method does not support entities of type '{table}'. MessageProcessorCache returned MessageProcessor.Empty. ");
        }
    }

    /// <summary>
    /// Fills the PartyList columns of the rows a query returned, when the query asked for all columns. A PartyList column
    /// named in a query is refused by the query engine (query activityparty instead).
    /// </summary>
    public static void FillAllColumns(MessageContext context, QueryBase query, EntityCollection rows)
    {
        var (table, allColumns) = query switch
        {
            QueryExpression expression => (expression.EntityName, expression.ColumnSet?.AllColumns == true),
            QueryByAttribute byAttribute => (byAttribute.EntityName, byAttribute.ColumnSet?.AllColumns == true),
            // The root is read only for all-attributes: parsing every FetchXML query a second time cost as much as planning it.
            FetchExpression fetch when fetch.Query.Contains("all-attributes", StringComparison.Ordinal) => (FetchRoot(fetch.Query), true),
            _ => (null, false),
        };
        if (!allColumns)
        {
            return;
        }

        var parties = context.Metadata.FindTable(table ?? string.Empty)?.Columns.Values.Where(IsPartyList).ToList() ?? [];
        if (parties.Count == 0)
        {
            return;
        }

        if (query is FetchExpression)
        {
            throw DataverseFault.NotImplemented($"FetchXML all-attributes on '{table}', which has PartyList columns (name the columns, and query activityparty for the parties)");
        }

        foreach (var row in rows.Entities.Where(r => r.LogicalName == table))
        {
            foreach (var column in parties)
            {
                row[column.LogicalName] = ValueOf(context, column, row.Id);
            }
        }
    }

    private static string? FetchRoot(string fetchXml)
    {
        var entity = System.Xml.Linq.XDocument.Parse(fetchXml).Root?.Element("entity");
        return (string?)entity?.Attribute("name");
    }

    /// <summary>The PartyList values of a Create or Update target, checked; each party as the row it becomes (without ids).</summary>
    public static List<(ColumnDefinition Column, List<Entity> Parties)> Read(MessageContext context, TableDefinition table, Entity target)
    {
        var result = new List<(ColumnDefinition, List<Entity>)>();
        foreach (var (name, value) in target.Attributes)
        {
            var column = table.FindColumn(name);
            if (!IsPartyList(column))
            {
                continue;
            }

            result.Add((column!, Check(context, table, column!, value)));
        }

        return result;
    }

    /// <summary>Writes the activity's parties for the given columns, replacing the rows those columns had (Update replaces a PartyList whole).</summary>
    public static void Write(MessageContext context, Guid activityId, IEnumerable<(ColumnDefinition Column, List<Entity> Parties)> values)
    {
        var transaction = context.RequireTransaction();
        foreach (var (column, parties) in values)
        {
            var mask = ParticipationTypes.OfColumn(column.LogicalName)!.Value;
            foreach (var existing in RowsOf(transaction, activityId).Where(r => r.GetAttributeValue<OptionSetValue>(MaskColumn)?.Value == mask).ToList())
            {
                transaction.LockRow(Table, existing.Id);
                transaction.Remove(Table, existing.Id);
            }

            foreach (var party in parties)
            {
                var id = Guid.NewGuid();
                var row = new Entity(Table, id) { ["activitypartyid"] = id };
                foreach (var (name, value) in party.Attributes)
                {
                    row[name] = value;
                }

                row[ActivityIdColumn] = new EntityReference(context.PrimaryEntityName, activityId);
                row[MaskColumn] = new OptionSetValue(mask);
                transaction.LockRow(Table, id);
                transaction.Put(Table, row);
            }
        }
    }

    /// <summary>Deleting an activity deletes its parties (the parental cascade of <c>email_activity_parties</c>).</summary>
    public static void DeleteOf(Transaction transaction, Guid activityId)
    {
        foreach (var row in RowsOf(transaction, activityId).ToList())
        {
            transaction.LockRow(Table, row.Id);
            transaction.Remove(Table, row.Id);
        }
    }

    /// <summary>The PartyList column as Retrieve returns it: an EntityCollection of activityparty entities (empty when none).</summary>
    public static EntityCollection ValueOf(MessageContext context, ColumnDefinition column, Guid activityId)
    {
        var mask = ParticipationTypes.OfColumn(column.LogicalName)!.Value;
        var rows = (context.Transaction ?? context.Origin.Transaction) is { } transaction
            ? RowsOf(transaction, activityId)
            : context.Runtime.Store.Seek(Table, ActivityIdColumn, activityId) ?? [];
        return new EntityCollection(rows
            .Where(r => r.GetAttributeValue<OptionSetValue>(MaskColumn)?.Value == mask)
            .Select(ValueCopier.Copy)
            .ToList())
        { EntityName = Table };
    }

    /// <summary>The activity's party rows (none in a catalog without the activityparty table).</summary>
    private static IEnumerable<Entity> RowsOf(Transaction transaction, Guid activityId) =>
        transaction.Store.HasTable(Table) && transaction.TrySeek(Table, ActivityIdColumn, activityId, out var rows) ? rows : [];

    private static List<Entity> Check(MessageContext context, TableDefinition table, ColumnDefinition column, object? value)
    {
        if (ParticipationTypes.OfColumn(column.LogicalName) is null)
        {
            throw DataverseFault.NotImplemented($"the PartyList column '{table.LogicalName}.{column.LogicalName}' (its participation type is not known here)");
        }

        if (value is null)
        {
            return [];
        }

        if (value is not EntityCollection collection)
        {
            throw DataverseFault.InvalidArgument(Invariant(
                $"Incorrect attribute value type {value.GetType().FullName} for attribute '{column.LogicalName}' of entity '{table.LogicalName}': expected {typeof(EntityCollection).FullName} of activityparty entities (PartyList)."));
        }

        if (ParticipationTypes.TakesOneParty(column.LogicalName) && collection.Entities.Count > 1)
        {
            throw DataverseFault.InvalidArgument(Invariant(
                $"The attribute '{column.LogicalName}' of entity '{table.LogicalName}' takes one party only; {collection.Entities.Count} were given."));
        }

        var partyTable = RecordValidator.RequireTable(context.Metadata, Table);
        var partyId = RecordValidator.RequireColumn(partyTable, PartyIdColumn);
        var parties = new List<Entity>();
        foreach (var party in collection.Entities)
        {
            if (party.LogicalName != Table)
            {
                throw DataverseFault.InvalidArgument(Invariant(
                    $"The PartyList attribute '{column.LogicalName}' of entity '{table.LogicalName}' holds activityparty entities, not '{party.LogicalName}'; set the party in the activityparty's partyid."));
            }

            var row = new Entity(Table);
            foreach (var (name, given) in party.Attributes)
            {
                var definition = RecordValidator.RequireColumn(partyTable, name);
                if (!PartyColumns.Contains(definition.LogicalName))
                {
                    throw DataverseFault.NotImplemented($"the activityparty column '{definition.LogicalName}' in a PartyList value (only partyid, addressused and participationtypemask are)");
                }

                if (definition.LogicalName == MaskColumn)
                {
                    // The participation type is the column's: a conflicting one would store a party under another field.
                    if (given is OptionSetValue option && option.Value != ParticipationTypes.OfColumn(column.LogicalName)!.Value)
                    {
                        throw DataverseFault.InvalidArgument(Invariant(
                            $"An activityparty given in '{column.LogicalName}' has participationtypemask {option.Value}; that column's participation type is {ParticipationTypes.OfColumn(column.LogicalName)!.Value}."));
                    }

                    continue;
                }

                if (definition.LogicalName == PartyIdColumn && given is EntityReference reference && !partyId.Targets.Contains(reference.LogicalName, StringComparer.Ordinal))
                {
                    throw DataverseFault.InvalidArgument(Invariant(
                        $"A party of type '{reference.LogicalName}' cannot be a party of '{table.LogicalName}.{column.LogicalName}'; a party is one of: {string.Join(", ", partyId.Targets)}."));
                }

                var stored = ColumnValueValidator.Validate(partyTable, definition, given, context.RowExists);
                if (stored is not null)
                {
                    row[definition.LogicalName] = stored;
                }
            }

            if (!row.Contains(PartyIdColumn) && string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(AddressUsedColumn)))
            {
                throw DataverseFault.InvalidArgument(Invariant(
                    $"An activityparty in '{table.LogicalName}.{column.LogicalName}' has neither a partyid nor an addressused; give the party or the address to use."));
            }

            parties.Add(row);
        }

        return parties;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
