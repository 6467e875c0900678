namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapplication.cos_tradereference1rating</c> (the same values on references 2 and 3).</summary>
[ChoiceColumn("cos_creditapplication", "cos_tradereference1rating")]
public enum TradeReferenceRatingChoice
{
    Good = 412500000,
    Slow = 412500001,
    Poor = 412500002,
}
