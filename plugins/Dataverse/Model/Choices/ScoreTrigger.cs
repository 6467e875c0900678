namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditscorehistory.cos_trigger</c>.</summary>
[ChoiceColumn("cos_creditscorehistory", "cos_trigger")]
public enum ScoreTrigger
{
    Event = 412500000,
    Scheduled = 412500001,
    OnDemand = 412500002,
}
