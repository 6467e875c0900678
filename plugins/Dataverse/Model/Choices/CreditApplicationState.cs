namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapplication.statecode</c>: open until Finance approved or declined it.</summary>
[ChoiceColumn("cos_creditapplication", "statecode")]
public enum CreditApplicationState
{
    Active = 0,
    Inactive = 1,
}
