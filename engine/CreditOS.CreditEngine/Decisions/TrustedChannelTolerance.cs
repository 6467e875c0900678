namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// Avoids false-positive holds for a trusted channel (e.g. EDI replenishment): an order up to
/// <paramref name="MaximumOrderAmount"/> may exceed the limit by up to <paramref name="MaximumExcessOverLimit"/>, and
/// overdue beyond grace up to <paramref name="OverdueTolerance"/> is let through; both are "approve within grace".
/// </summary>
public sealed record TrustedChannelTolerance(string Channel, decimal MaximumOrderAmount, decimal MaximumExcessOverLimit, decimal OverdueTolerance)
{
    /// <summary>The tolerance for an order from <paramref name="channel"/>: <paramref name="trusted"/> when it is that channel's, else null.</summary>
    public static TrustedChannelTolerance? For(TrustedChannelTolerance? trusted, string? channel) =>
        trusted is not null && !string.IsNullOrEmpty(channel) && string.Equals(trusted.Channel, channel, StringComparison.OrdinalIgnoreCase) ? trusted : null;
}
