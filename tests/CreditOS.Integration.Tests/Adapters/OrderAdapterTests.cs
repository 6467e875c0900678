using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Orders;
using CreditOS.Integration.Worker.Messages.Canonical;

namespace CreditOS.Integration.Tests.Adapters;

public sealed class OrderAdapterTests
{
    private readonly AdapterSet<ChannelOrder> _adapters = new([new WebShopOrderAdapter(), new EdiOrdersAdapter(), new PartnerPortalOrderAdapter()]);

    [Fact]
    public void WebShopOrder_BecomesOperationalOrder()
    {
        var order = _adapters.Adapt(Payloads.Inbound("webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 12.5m, 4))).Value!;

        Assert.Equal((SalesChannel.WebShop, "W-1", "C-1001", "EUR", 50m), (order.Channel, order.ChannelOrderRef, order.CustomerNumber, order.CurrencyCode, order.TotalAmount));
    }

    [Fact]
    public void EdiOrders_BecomesOperationalOrder()
    {
        var order = _adapters.Adapt(Payloads.Inbound("edi.orders", Payloads.EdiOrder("PO-4711", "C-1002", 2.5m, 10))).Value!;

        Assert.Equal((SalesChannel.Edi, "PO-4711", "C-1002", "EUR"), (order.Channel, order.ChannelOrderRef, order.CustomerNumber, order.CurrencyCode));
        Assert.Equal([new OrderLine("SKU-7", 10m, 2.5m)], order.Lines);
    }

    [Fact]
    public void PartnerPortalOrder_BecomesOperationalOrderWithPartner()
    {
        var order = _adapters.Adapt(Payloads.Inbound("partnerportal.order", Payloads.PartnerOrder("PP-1", "C-1003", 100m, 3))).Value!;

        Assert.Equal((SalesChannel.PartnerPortal, "PP-1", "P-7", 300m), (order.Channel, order.ChannelOrderRef, order.PartnerId, order.TotalAmount));
    }

    [Theory]
    [InlineData("edi.orders", "UNH+1+ORDERS:D:96A:UN'BGM+220+PO-1+9'CUX+2:EUR:9'", "NAD+BY")]
    [InlineData("edi.orders", "BGM+220+PO-1+9'NAD+BY+C::91'CUX+2:EUR:9'LIN+1++SKU:SA'PRI+AAA:1'", "QTY")]
    [InlineData("partnerportal.order", "<PartnerOrder reference=\"PP-1\"><Customer number=\"C\"/><Currency>EUR</Currency></PartnerOrder>", "partnerId")]
    [InlineData("partnerportal.order", "<PartnerOrder partnerId=\"P\" reference=\"PP-1\">", "cannot be read")]
    [InlineData("webshop.order", "{\"orderNumber\":\"W-1\",\"customerNumber\":\"C\",\"currency\":\"EUR\"}", "lines")]
    public void MalformedOrder_IsRejectedWithTheProblemNamed(string subject, string body, string named)
    {
        var adapted = _adapters.Adapt(Payloads.Inbound(subject, body));

        Assert.Equal(RejectionReasons.MalformedPayload, adapted.Rejection!.Reason);
        Assert.Contains(named, adapted.Rejection.Description, StringComparison.Ordinal);
    }
}
