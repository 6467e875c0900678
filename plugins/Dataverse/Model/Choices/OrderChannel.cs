namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>salesorder.cos_channel</c>.</summary>
[ChoiceColumn("salesorder", "cos_channel")]
public enum OrderChannel
{
    SalesRep = 412500000,
    WebShop = 412500001,
    EDI = 412500002,
    PartnerPortal = 412500003,
}
