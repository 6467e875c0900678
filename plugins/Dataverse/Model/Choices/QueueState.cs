namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>queue.statecode</c>.</summary>
[ChoiceColumn("queue", "statecode")]
public enum QueueState
{
    Active = 0,
    Inactive = 1,
}
