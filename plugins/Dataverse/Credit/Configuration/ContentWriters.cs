using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Everyone who wrote what a configuration row decides, kept in a column only the four-eyes guards write (one user id a
/// line): the platform's stamps name who entered the row (<c>createdby</c>) and who saved it last (<c>modifiedby</c>), so a
/// person who rewrote it and then let someone else save it was neither. The guard adds the caller on every save that
/// writes the row's content and drops whatever else a save puts in the column. No call: the pre-image carries the list.
/// Used by configuration changes (controls round 22) and by scoring rule sets and their rules (controls round 23).
/// </summary>
public static class ContentWriters
{
    /// <summary>The columns' length in the solution.</summary>
    public const int MaxLength = 4000;

    /// <summary>Whether the user wrote the row's content in an earlier save.</summary>
    public static bool Includes(Entity? row, string column, Guid userId) => Of(row, column).Contains(userId.ToString("D"), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The save's list: the recorded one, with the caller added when the save writes the content; a value the caller
    /// put in the column is never kept. Refused when the column would overflow (about a hundred writers), naming what to do.
    /// </summary>
    /// <param name="what">The row as the refusal names it ("Configuration change 'X'").</param>
    /// <param name="instead">What to do then ("withdraw it and propose the change again").</param>
    public static void Record(Entity target, Entity? before, string column, Guid callerId, bool writesContent, string what, string instead)
    {
        target.Attributes.Remove(column);
        var writers = Of(before, column);
        if (!writesContent || writers.Contains(callerId.ToString("D"), StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        writers.Add(callerId.ToString("D"));
        var text = string.Join("\n", writers);
        if (text.Length > MaxLength)
        {
            throw new InvalidPluginExecutionException($"{what} has been written by {writers.Count - 1} people; {instead}.");
        }

        target[column] = text;
    }

    /// <summary>How many people other than the user the list names (controls round 24).</summary>
    public static int Others(string? writers, Guid userId) =>
        Lines(writers).Count(line => !string.Equals(line, userId.ToString("D"), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Everyone the lists name, once each, in the order first named, as one list for a record (controls round 24: the
    /// activation record's <c>cos_contentby</c>). Beyond the column's length the last line says how many more there are.
    /// </summary>
    public static string? Union(IEnumerable<string?> lists)
    {
        var writers = lists.SelectMany(Lines).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (writers.Count == 0)
        {
            return null;
        }

        var text = string.Join("\n", writers);
        if (text.Length <= MaxLength)
        {
            return text;
        }

        // Room for the last line ("+N more …"): 60 characters.
        var kept = new List<string>();
        var length = 0;
        foreach (var writer in writers.TakeWhile(writer => (length += writer.Length + 1) <= MaxLength - 60))
        {
            kept.Add(writer);
        }

        kept.Add("+" + (writers.Count - kept.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more writers");
        return string.Join("\n", kept);
    }

    private static List<string> Of(Entity? row, string column) => Lines(row?.GetAttributeValue<string>(column));

    private static List<string> Lines(string? text) =>
        (text ?? string.Empty)
            .Split(['\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();
}
