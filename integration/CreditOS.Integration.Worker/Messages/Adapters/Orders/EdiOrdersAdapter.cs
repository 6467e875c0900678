using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Orders;

/// <summary>
/// EDIFACT ORDERS subset: segments end with ', elements split by +, components by :.
/// BGM+220+&lt;order no&gt;, NAD+BY+&lt;customer no&gt;, CUX+2:&lt;currency&gt;, then per line LIN+n++&lt;product&gt;,
/// QTY+21:&lt;quantity&gt;, PRI+AAA:&lt;unit price&gt;.
/// </summary>
public sealed class EdiOrdersAdapter : IMessageAdapter<ChannelOrder>
{
    public string Format => "edi.orders";

    public ChannelOrder Convert(InboundMessage message)
    {
        string? orderNumber = null, customer = null, currency = null;
        var lines = new List<OrderLine>();
        LineDraft? draft = null;
        foreach (var segment in Segments(message.BodyText))
        {
            var elements = segment.Split('+');
            switch (elements[0])
            {
                case "BGM":
                    orderNumber = Element(elements, 2);
                    break;
                case "NAD" when Element(elements, 1) == "BY":
                    customer = Component(Element(elements, 2), 0);
                    break;
                case "CUX":
                    currency = Component(Element(elements, 1), 1);
                    break;
                case "LIN":
                    Flush();
                    draft = new LineDraft(Component(Element(elements, 3), 0) ?? throw new PayloadException("LIN segment without a product code"));
                    break;
                case "QTY" when draft is not null:
                    draft.Quantity = PayloadFields.Decimal(Component(Element(elements, 1), 1) ?? string.Empty, "QTY");
                    break;
                case "PRI" when draft is not null:
                    draft.UnitPrice = PayloadFields.Decimal(Component(Element(elements, 1), 1) ?? string.Empty, "PRI");
                    break;
                default:
                    break;
            }
        }

        Flush();
        return new ChannelOrder(
            SalesChannel.Edi,
            PayloadFields.ErpId(orderNumber, "BGM order number"),
            customer ?? throw new PayloadException("no NAD+BY segment names the buyer"),
            (currency ?? throw new PayloadException("no CUX segment names the currency")).ToUpperInvariant(),
            lines);

        void Flush()
        {
            if (draft is null)
            {
                return;
            }

            lines.Add(new OrderLine(
                draft.ProductCode,
                draft.Quantity ?? throw new PayloadException($"line {draft.ProductCode} has no QTY segment"),
                draft.UnitPrice ?? throw new PayloadException($"line {draft.ProductCode} has no PRI segment")));
            draft = null;
        }
    }

    private static IEnumerable<string> Segments(string body) =>
        body.Split('\'', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Element(string[] elements, int index) =>
        index < elements.Length ? PayloadFields.NonBlank(elements[index]) : null;

    private static string? Component(string? element, int index)
    {
        var components = element?.Split(':');
        return components is not null && index < components.Length ? PayloadFields.NonBlank(components[index]) : null;
    }

    private sealed class LineDraft(string productCode)
    {
        public string ProductCode { get; } = productCode;

        public decimal? Quantity { get; set; }

        public decimal? UnitPrice { get; set; }
    }
}
