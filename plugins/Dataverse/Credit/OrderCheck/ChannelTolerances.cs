using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Framework;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>The trusted-channel tolerances creditOS ships with (immutable, so safe to share between executions).</summary>
public static class ChannelTolerances
{
    private static readonly IReadOnlyList<TrustedChannelTolerance> Shipped = DefaultCreditConfiguration.Create().TrustedChannels;

    public static TrustedChannelTolerance? For(string channel) =>
        string.IsNullOrEmpty(channel) ? null : Shipped.FirstOrDefault(t => string.Equals(t.Channel, channel, StringComparison.OrdinalIgnoreCase));
}
