namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>queue.statuscode</c>.</summary>
[ChoiceColumn("queue", "statuscode")]
public enum QueueStatus
{
    Active = 1,
    Inactive = 2,
}
