namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.statuscode</c>.</summary>
[ChoiceColumn("account", "statuscode")]
public enum AccountStatus
{
    Active = 1,
    Inactive = 2,
}
