using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The policy row's trusted channel and its tolerances (cos_trustedchannel, a cos_channel choice, and three amounts) ↔
/// the engine's <see cref="TrustedChannelTolerance"/>, both ways: read by the configuration reader
/// (<see cref="CreditConfigurationRecords.ToPolicy"/>) and by the order check's account read (the policy joined), written
/// when an environment is seeded. No channel chosen: no channel is trusted; an empty amount is zero, and so is an empty
/// days ceiling (cos_trustedoverduetolerancedays, session 29): the channel then tolerates no overdue beyond grace.
/// </summary>
public static class TrustedChannelColumns
{
    public static readonly string[] Columns =
    [
        PolicyTable.Fields.TrustedChannel, PolicyTable.Fields.TrustedMaxOrderAmount, PolicyTable.Fields.TrustedMaxExcessOverLimit, PolicyTable.Fields.TrustedOverdueTolerance,
        PolicyTable.Fields.TrustedOverdueToleranceDays,
    ];

    /// <param name="value">The column's value as read (a plain row's attribute, or an aliased value of a joined policy).</param>
    public static TrustedChannelTolerance? Read(Func<string, object?> value)
    {
        if (value(PolicyTable.Fields.TrustedChannel) is not OptionSetValue channel || Enum.GetName(typeof(OrderChannel), channel.Value) is not { } name)
        {
            return null;
        }

        return new TrustedChannelTolerance(
            name,
            Amount(value(PolicyTable.Fields.TrustedMaxOrderAmount)),
            Amount(value(PolicyTable.Fields.TrustedMaxExcessOverLimit)),
            Amount(value(PolicyTable.Fields.TrustedOverdueTolerance)),
            value(PolicyTable.Fields.TrustedOverdueToleranceDays) is int days ? days : 0);
    }

    public static void Write(Entity row, TrustedChannelTolerance? tolerance)
    {
        if (tolerance is null)
        {
            return;
        }

        if (!Enum.TryParse<OrderChannel>(tolerance.Channel, ignoreCase: true, out var channel))
        {
            throw new InvalidPluginExecutionException(
                "The trusted channel '" + tolerance.Channel + "' is not a choice of cos_channel (" + string.Join(", ", Enum.GetNames(typeof(OrderChannel))) + ").");
        }

        row[PolicyTable.Fields.TrustedChannel] = new OptionSetValue((int)channel);
        row[PolicyTable.Fields.TrustedMaxOrderAmount] = new Money(tolerance.MaximumOrderAmount);
        row[PolicyTable.Fields.TrustedMaxExcessOverLimit] = new Money(tolerance.MaximumExcessOverLimit);
        row[PolicyTable.Fields.TrustedOverdueTolerance] = new Money(tolerance.OverdueTolerance);
        row[PolicyTable.Fields.TrustedOverdueToleranceDays] = tolerance.OverdueToleranceDays;
    }

    private static decimal Amount(object? value) => value is Money money ? money.Value : 0m;
}
