namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapplication.cos_bankreferencerating</c>.</summary>
[ChoiceColumn("cos_creditapplication", "cos_bankreferencerating")]
public enum BankReferenceRatingChoice
{
    Strong = 412500000,
    Satisfactory = 412500001,
    Weak = 412500002,
}
