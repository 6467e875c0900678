using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>Per-channel intake rules: the largest order a channel may place unattended.</summary>
public sealed class ChannelOptions
{
    public const string SectionName = "Channels";

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal WebShopMaxOrderValue { get; set; } = 50_000m;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal EdiMaxOrderValue { get; set; } = 5_000_000m;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal PartnerPortalMaxOrderValue { get; set; } = 500_000m;
}
