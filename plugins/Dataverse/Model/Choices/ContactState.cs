namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>contact.statecode</c>.</summary>
[ChoiceColumn("contact", "statecode")]
public enum ContactState
{
    Active = 0,
    Inactive = 1,
}
