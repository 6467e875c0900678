namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.statecode</c>.</summary>
[ChoiceColumn("account", "statecode")]
public enum AccountState
{
    Active = 0,
    Inactive = 1,
}
