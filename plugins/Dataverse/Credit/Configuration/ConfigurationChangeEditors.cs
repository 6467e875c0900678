using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ConfigurationChange.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Everyone who wrote what a configuration change sets (controls round 22, session 29): the platform's stamps name the
/// proposer (<c>createdby</c>) and the last person to save (<c>modifiedby</c>), so a person who rewrote the change's
/// content and then let someone else save it (its name only) was neither and could apply content he wrote. The guard
/// keeps the list in <c>cos_contentby</c> (one user id a line): it adds the caller on every save that carries the content
/// columns and drops whatever else a save puts there, so nobody writes it but the guard. No call.
/// </summary>
public static class ConfigurationChangeEditors
{
    /// <summary>The column's length in the solution.</summary>
    private const int MaxLength = 4000;

    /// <summary>The columns that are what the change sets.</summary>
    public static bool WritesContent(Entity target) =>
        target.Attributes.Keys.Any(column => column is Fields.Changes or Fields.ConfigurationTable or Fields.ConfigurationRowId or Fields.DeleteRow);

    /// <summary>Whether the user wrote the change's content in an earlier save.</summary>
    public static bool Includes(Entity? before, Guid userId) => Of(before).Contains(userId.ToString("D"), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The save's list: the recorded one, with the caller added when the save writes the content; a value the caller
    /// put in the column is never kept. Refused when the column would overflow (more than a hundred editors).
    /// </summary>
    public static void Record(Entity target, Entity? before, Guid callerId, bool writesContent)
    {
        target.Attributes.Remove(Fields.ContentBy);
        var editors = Of(before);
        if (!writesContent || editors.Contains(callerId.ToString("D"), StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        editors.Add(callerId.ToString("D"));
        var text = string.Join("\n", editors);
        if (text.Length > MaxLength)
        {
            throw new InvalidPluginExecutionException(
                $"Configuration change '{before?.GetAttributeValue<string>(Fields.Name)}' has been written by {editors.Count - 1} people; withdraw it and propose the change again.");
        }

        target[Fields.ContentBy] = text;
    }

    private static List<string> Of(Entity? change) =>
        (change?.GetAttributeValue<string>(Fields.ContentBy) ?? string.Empty)
            .Split(['\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();
}
