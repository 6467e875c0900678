using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Money in the Web API's JSON carries the four decimal places of Dataverse's money storage: "revenue": 20000.0000 with its formatted
/// value "$20,000.00" (webapi/query/select-columns, "Formatted values" and "Select columns"); "annualincome": 45000.0000
/// (fetchxml/page-results). The local host wrote 20000 and 12.5. The number is the same; a client that keeps the JSON's decimal
/// (its scale shows in ToString) now sees what Dataverse sends.
/// </summary>
public sealed class WebApiMoneyJsonProbes
{
    [Fact]
    public async Task MoneyValues_AreWrittenWithFourDecimalPlaces_InRowsCollectionsAndSingleProperties()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = host.Service.Create(new Entity("account") { ["name"] = "Litware", ["revenue"] = new Money(20000m), ["creditlimit"] = new Money(12.5m) });

        var row = await host.GetAsync($"accounts({id})?$select=name,revenue,creditlimit");
        var collection = await host.GetAsync("accounts?$select=revenue");
        var single = await host.GetAsync($"accounts({id})/revenue");

        Assert.Contains("\"revenue\":20000.0000", row.Text, StringComparison.Ordinal);
        Assert.Contains("\"creditlimit\":12.5000", row.Text, StringComparison.Ordinal);
        Assert.Contains("\"revenue\":20000.0000", collection.Text, StringComparison.Ordinal);
        Assert.Contains("\"value\":20000.0000", single.Text, StringComparison.Ordinal);
        Assert.Equal(20000m, row.Json["revenue"]!.GetValue<decimal>());
    }
}
