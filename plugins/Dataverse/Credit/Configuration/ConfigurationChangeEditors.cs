using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ConfigurationChange.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Everyone who wrote what a configuration change sets (controls round 22, session 29): the platform's stamps name the
/// proposer (<c>createdby</c>) and the last person to save (<c>modifiedby</c>), so a person who rewrote the change's
/// content and then let someone else save it (its name only) was neither and could apply content he wrote. The guard
/// keeps the list in <c>cos_contentby</c> (<see cref="ContentWriters"/>): it adds the caller on every save that carries
/// the content columns and drops whatever else a save puts there, so nobody writes it but the guard. No call.
/// </summary>
public static class ConfigurationChangeEditors
{
    /// <summary>The columns that are what the change sets.</summary>
    public static bool WritesContent(Entity target) =>
        target.Attributes.Keys.Any(column => column is Fields.Changes or Fields.ConfigurationTable or Fields.ConfigurationRowId or Fields.DeleteRow);

    /// <summary>Whether the user wrote the change's content in an earlier save.</summary>
    public static bool Includes(Entity? before, Guid userId) => ContentWriters.Includes(before, Fields.ContentBy, userId);

    /// <summary>The save's list: the recorded one, with the caller added when the save writes the content.</summary>
    public static void Record(Entity target, Entity? before, Guid callerId, bool writesContent) =>
        ContentWriters.Record(
            target, before, Fields.ContentBy, callerId, writesContent,
            $"Configuration change '{before?.GetAttributeValue<string>(Fields.Name)}'", "withdraw it and propose the change again");
}
