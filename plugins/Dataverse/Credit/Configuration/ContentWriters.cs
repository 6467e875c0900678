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

    private static List<string> Of(Entity? row, string column) =>
        (row?.GetAttributeValue<string>(column) ?? string.Empty)
            .Split(['\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();
}
