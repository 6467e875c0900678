namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>queueitem.statuscode</c>.</summary>
[ChoiceColumn("queueitem", "statuscode")]
public enum QueueItemStatus
{
    Active = 1,
    Inactive = 2,
}
