namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.cos_customergroup</c>.</summary>
[ChoiceColumn("account", "cos_customergroup")]
public enum CustomerGroup
{
    KeyAccount = 412500000,
    MidMarket = 412500001,
    SmallBusiness = 412500002,
    PublicSector = 412500003,
    Distributor = 412500004,
}
