using System.Xml.Linq;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Orders;

/// <summary>
/// Partner portal order (XML): &lt;PartnerOrder partnerId="…" reference="…"&gt;&lt;Customer number="…"/&gt;
/// &lt;Currency&gt;EUR&lt;/Currency&gt;&lt;Line sku="…" quantity="…" unitPrice="…"/&gt;…&lt;/PartnerOrder&gt;.
/// </summary>
public sealed class PartnerPortalOrderAdapter : IMessageAdapter<ChannelOrder>
{
    public string Format => "partnerportal.order";

    public ChannelOrder Convert(InboundMessage message)
    {
        var root = XDocument.Parse(message.BodyText).Root;
        if (root is null || root.Name.LocalName != "PartnerOrder")
        {
            throw new PayloadException("the root element is not PartnerOrder");
        }

        var partner = PayloadFields.NonBlank((string?)root.Attribute("partnerId"))
            ?? throw new PayloadException("attribute 'partnerId' is missing: the portal must say which partner ordered");
        return new ChannelOrder(
            SalesChannel.PartnerPortal,
            PayloadFields.ErpId((string?)root.Attribute("reference"), "reference"),
            PayloadFields.NonBlank((string?)root.Element("Customer")?.Attribute("number")) ?? throw new PayloadException("element 'Customer' with attribute 'number' is missing"),
            (PayloadFields.NonBlank((string?)root.Element("Currency")) ?? throw new PayloadException("element 'Currency' is missing")).ToUpperInvariant(),
            root.Elements("Line")
                .Select(line => new OrderLine(
                    PayloadFields.NonBlank((string?)line.Attribute("sku")) ?? throw new PayloadException("a Line has no 'sku'"),
                    PayloadFields.Decimal((string?)line.Attribute("quantity") ?? string.Empty, "quantity"),
                    PayloadFields.Decimal((string?)line.Attribute("unitPrice") ?? string.Empty, "unitPrice")))
                .ToList(),
            partner);
    }
}
