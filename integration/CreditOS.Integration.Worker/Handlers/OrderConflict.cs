using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.SalesOrder;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// A channel order reference arriving again: with the content of the order already created it is a redelivery (the
/// channel is told that order's outcome again); with different content (another customer or amount) it is a
/// conflict, answered as such and never with the first order's outcome.
/// </summary>
public static class OrderConflict
{
    /// <summary>What the existing order must be read with: its outcome and what identifies its content.</summary>
    public static readonly string ExistingColumns = string.Join(',', Schema.Id, Schema.CreditStatus, Schema.HoldReason, Schema.HoldReasonCode, Schema.TotalAmount, "_customerid_value");

    /// <summary>Null when the existing order is this message's order; otherwise the conflict, with the figures.</summary>
    public static string? Describe(ChannelOrder order, Guid accountId, JsonObject existing)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(existing);
        var differences = new List<string>();
        var amount = existing[Schema.TotalAmount]?.GetValue<decimal>();
        if (amount != order.TotalAmount)
        {
            differences.Add($"the order already created for it is {Figure(amount)} {order.CurrencyCode}; this message says {Figure(order.TotalAmount)} {order.CurrencyCode}");
        }

        var customer = existing["_customerid_value"]?.GetValue<Guid>();
        if (customer != accountId)
        {
            differences.Add($"the order already created for it belongs to another customer than {order.CustomerNumber}");
        }

        return differences.Count == 0
            ? null
            : $"{order.Channel} order {order.ChannelOrderRef} conflicts with an earlier order under the same reference: {string.Join("; ", differences)}. Send the change under a new order reference, or cancel the earlier order first.";
    }

    private static string Figure(decimal? amount) => amount?.ToString("N2", CultureInfo.InvariantCulture) ?? "(none)";
}
