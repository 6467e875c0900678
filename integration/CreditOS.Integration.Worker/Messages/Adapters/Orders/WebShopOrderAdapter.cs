using System.Text.Json;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Orders;

/// <summary>
/// Web shop checkout (JSON): {"orderNumber","customerNumber","currency","lines":[{"sku","quantity","unitPrice"}]}.
/// </summary>
public sealed class WebShopOrderAdapter : IMessageAdapter<ChannelOrder>
{
    public string Format => "webshop.order";

    public ChannelOrder Convert(InboundMessage message)
    {
        var order = PayloadFields.Root(message);
        if (!order.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException("field 'lines' is missing or not a list");
        }

        return new ChannelOrder(
            SalesChannel.WebShop,
            PayloadFields.ErpId(PayloadFields.OptionalString(order, "orderNumber"), "orderNumber"),
            PayloadFields.RequiredString(order, "customerNumber"),
            PayloadFields.RequiredString(order, "currency").ToUpperInvariant(),
            lines.EnumerateArray()
                .Select(line => new OrderLine(
                    PayloadFields.RequiredString(line, "sku"),
                    PayloadFields.RequiredDecimal(line, "quantity"),
                    PayloadFields.RequiredDecimal(line, "unitPrice")))
                .ToList());
    }
}
