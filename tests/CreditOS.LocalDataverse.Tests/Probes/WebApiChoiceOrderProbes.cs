using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "When you order using choice columns, the results are ordered using the integer value of the choice. This is different from how
/// choice values are sorted using FetchXml or QueryExpression. In these cases, the results are sorted by the localized label for the
/// choice" (Order rows using OData, learn.microsoft.com/power-apps/developer/data-platform/webapi/query/order-rows). The local host ran
/// $orderby as a QueryExpression and so ordered choices by label. account.paymenttermscode: 1 "Net 30", 2 "2% 10, Net 30", 3 "Net 45".
/// </summary>
public sealed class WebApiChoiceOrderProbes
{
    [Fact]
    public async Task OrderByAChoice_UsesItsValue_OverTheWebApi_AndItsLabel_ThroughQueryExpression()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var (name, terms) in new[] { ("Net 45 customer", 3), ("Net 30 customer", 1), ("Early payer", 2) })
        {
            host.Service.Create(new Entity("account") { ["name"] = name, ["paymenttermscode"] = new OptionSetValue(terms) });
        }

        var answer = await host.GetAsync("accounts?$select=name&$orderby=paymenttermscode");
        var byLabel = host.Service.RetrieveMultiple(new QueryExpression("account")
        {
            ColumnSet = new ColumnSet("name"),
            Orders = { new OrderExpression("paymenttermscode", OrderType.Ascending) },
        });

        Assert.Equal(["Net 30 customer", "Early payer", "Net 45 customer"], answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
        Assert.Equal(["Early payer", "Net 30 customer", "Net 45 customer"], byLabel.Entities.Select(row => row.GetAttributeValue<string>("name")));
    }
}
