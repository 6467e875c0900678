namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>queue.queueviewtype</c>.</summary>
[ChoiceColumn("queue", "queueviewtype")]
public enum QueueViewType
{
    Public = 0,
    Private = 1,
}
