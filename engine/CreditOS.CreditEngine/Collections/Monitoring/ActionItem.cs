namespace CreditOS.CreditEngine.Collections.Monitoring;

/// <summary>An action item to create (a task for the collector): the occurrence it stands for, what to do, the figures, and when.</summary>
public sealed record ActionItem(Guid ConditionId, string OccurrenceKey, string Subject, string Description, DateTime Due);

/// <summary>What one evaluation decided: the action items to create and the account-state occurrences that ended.</summary>
public sealed record MonitorOutcome(IReadOnlyList<ActionItem> ActionItems, IReadOnlyList<string> EndedOccurrences);
