using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse;

/// <summary>
/// Which activityparty participation type (<c>participationtypemask</c>) each PartyList column of an activity stands for,
/// as Microsoft's "activityparty table" page lists them: Sender 1 (from), ToRecipient 2 (to), CCRecipient 3 (cc),
/// BccRecipient 4 (bcc), RequiredAttendee 5, OptionalAttendee 6, Organizer 7, Resource 10, Customer 11. The Web API's
/// <c>{activity}_activity_parties</c> deep insert gives the type and the organization service the column; both meet here.
/// </summary>
public static class ParticipationTypes
{
    private static readonly Dictionary<string, int> ByColumn = new(StringComparer.Ordinal)
    {
        ["from"] = 1,
        ["to"] = 2,
        ["cc"] = 3,
        ["bcc"] = 4,
        ["requiredattendees"] = 5,
        ["optionalattendees"] = 6,
        ["organizer"] = 7,
        ["resources"] = 10,
        ["customers"] = 11,
    };

    /// <summary>Columns that hold one party at most (an email's sender, an appointment's organizer).</summary>
    private static readonly HashSet<string> SinglePartyColumns = new(StringComparer.Ordinal) { "from", "organizer" };

    /// <summary>The participation type of a PartyList column, or null for a column this environment does not know.</summary>
    public static int? OfColumn(string column) => ByColumn.TryGetValue(column, out var mask) ? mask : null;

    public static bool TakesOneParty(string column) => SinglePartyColumns.Contains(column);

    /// <summary>The table's PartyList column for a participation type, or null when the table has none for it.</summary>
    public static string? ColumnFor(TableDefinition table, int mask)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Columns.Values.FirstOrDefault(c => c.Type == ColumnType.PartyList && OfColumn(c.LogicalName) == mask)?.LogicalName;
    }
}
