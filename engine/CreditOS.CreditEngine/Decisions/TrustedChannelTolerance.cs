namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// Avoids false-positive holds for a trusted channel (e.g. EDI replenishment): an order up to
/// <paramref name="MaximumOrderAmount"/> may exceed the limit by up to <paramref name="MaximumExcessOverLimit"/>, and
/// overdue beyond grace up to <paramref name="OverdueTolerance"/> in total is let through while its oldest item is at
/// most <paramref name="OverdueToleranceDays"/> days past due; both are "approve within grace". The days ceiling is the
/// policy tolerance's rule (<see cref="Decisions.OverdueTolerance"/>) for the channel: a forgotten invoice is forgotten
/// for days, not for months, so past the ceiling any amount holds (session 29; until then an EDI order passed with an
/// invoice of any age overdue). A ceiling at or below the grace days turns the channel's overdue tolerance off.
/// </summary>
public sealed record TrustedChannelTolerance(string Channel, decimal MaximumOrderAmount, decimal MaximumExcessOverLimit, decimal OverdueTolerance, int OverdueToleranceDays)
{
    /// <summary>Whether the customer's total <paramref name="overdueBeyondGrace"/>, its oldest item <paramref name="oldestDaysPastDue"/> days past due, is small and recent enough for this channel.</summary>
    public bool CoversOverdue(decimal overdueBeyondGrace, int oldestDaysPastDue) =>
        overdueBeyondGrace > 0m && overdueBeyondGrace <= OverdueTolerance && oldestDaysPastDue <= OverdueToleranceDays;

    /// <summary>The tolerance for an order from <paramref name="channel"/>: <paramref name="trusted"/> when it is that channel's, else null.</summary>
    public static TrustedChannelTolerance? For(TrustedChannelTolerance? trusted, string? channel) =>
        trusted is not null && !string.IsNullOrEmpty(channel) && string.Equals(trusted.Channel, channel, StringComparison.OrdinalIgnoreCase) ? trusted : null;
}
