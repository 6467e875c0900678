using CreditOS.Dataverse.Credit.Guards;
using Microsoft.Xrm.Sdk;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// Controls round 24 (session 31): the condition monitor's record of what it raised is the credit flow's. A monitor task
/// carries its occurrence's key (<c>cos_occurrencekey</c>: the condition and the invoice, promise, tier change or bureau
/// change it was raised for, or the account and the day a state began) and when the state ended
/// (<c>cos_occurrenceendedon</c>); the monitor raises nothing for a key it finds recorded. The task is its owner's (the
/// collector's), who may write it (prvWriteActivity), so without this guard the collector could write the key of an
/// invoice that is not overdue yet, or of a promise not yet broken, on a task of his, and the monitor the Credit
/// Administrators configured would never raise that occurrence. The owner still reads, works and completes the task.
/// No call but, once per organization, who SYSTEM is, and only when a save would change one of the two columns.
/// </summary>
public static class MonitorOccurrenceColumns
{
    /// <summary>Comma-separated, for the step's filtering attributes and pre-image.</summary>
    public const string Columns = TaskTable.Fields.OccurrenceKey + "," + TaskTable.Fields.OccurrenceEndedOn;

    private static readonly IReadOnlyList<string> Guarded = [TaskTable.Fields.OccurrenceKey, TaskTable.Fields.OccurrenceEndedOn];

    /// <param name="isCreditFlow">SYSTEM (one call, once per organization); asked only when a guarded column would change.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, Guarded);
        if (changed.Count == 0 || isCreditFlow())
        {
            return;
        }

        var key = (before ?? target).GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey);
        var task = before is null ? "A task" : "The task '" + (before.GetAttributeValue<string>(TaskTable.Fields.Subject) ?? before.Id.ToString()) + "'";
        throw new InvalidPluginExecutionException(
            $"{task} cannot be saved: {string.Join(", ", changed)} {(changed.Count == 1 ? "is" : "are")} the condition monitor's record of what it raised"
            + (string.IsNullOrEmpty(key) ? string.Empty : $" (occurrence {key})")
            + ", written by the credit flow only, whatever your roles: the monitor raises nothing for an occurrence it finds recorded. "
            + "Work or complete the task; the monitor records when a condition stops holding.");
    }
}
