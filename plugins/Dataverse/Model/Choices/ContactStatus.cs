namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>contact.statuscode</c>.</summary>
[ChoiceColumn("contact", "statuscode")]
public enum ContactStatus
{
    Active = 1,
    Inactive = 2,
}
