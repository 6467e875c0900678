namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>queueitem.statecode</c>.</summary>
[ChoiceColumn("queueitem", "statecode")]
public enum QueueItemState
{
    Active = 0,
    Inactive = 1,
}
