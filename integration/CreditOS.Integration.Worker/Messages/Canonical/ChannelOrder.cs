namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>Sales channels orders arrive from; values are the solution's cos_channel choice options.</summary>
public enum SalesChannel
{
    WebShop = 412_500_001,
    Edi = 412_500_002,
    PartnerPortal = 412_500_003,
}

public sealed record OrderLine(string ProductCode, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>The one operational order model every channel's payload is converted into.</summary>
public sealed record ChannelOrder(
    SalesChannel Channel,
    string ChannelOrderRef,
    string CustomerNumber,
    string CurrencyCode,
    IReadOnlyList<OrderLine> Lines,
    string? PartnerId = null)
{
    /// <summary>(Channel, ChannelOrderRef) is the sales order's alternate key: one order per reference and channel.</summary>
    public decimal TotalAmount => Lines.Sum(line => line.Amount);
}
