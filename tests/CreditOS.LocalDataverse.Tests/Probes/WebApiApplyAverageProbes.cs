using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 21: `$apply=aggregate(x with average as a)` on a property that is not a number. Dataverse parses $apply with the OData
/// library (odata.net ApplyBinder.CreateAggregateExpressionTypeReference), which types an average only for Edm.Int32, Edm.Int64,
/// Edm.Double and Edm.Decimal and refuses any other type with "$apply/aggregate expression '…' operation does not support value
/// type '{kind}'." (Microsoft.OData.Core.txt, ApplyBinder_AggregateExpressionIncompatibleTypeForMethod): a 400 with the URI parser's
/// code 0x0, which the local host answered 501 (not implemented). Numbers and money are still averaged; sum/min/max of a string,
/// which the library lets through, stay 501.
/// </summary>
public sealed class WebApiApplyAverageProbes
{
    [Theory]
    [InlineData("name", "String")]
    [InlineData("createdon", "DateTimeOffset")]
    [InlineData("cos_limitreviewon", "Date")]
    [InlineData("cos_issuspended", "Boolean")]
    [InlineData("_cos_credittierid_value", "Guid")]
    public async Task TheAverageOfANonNumber_IsRefusedByTheUriParser(string property, string kind)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso");

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString($"aggregate({property} with average as mean)"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.StartsWith("$apply/aggregate expression '", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith($"' operation does not support value type '{kind}'.", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAverageOfMoney_IsAnswered_AndASumOfAString_StaysNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Microsoft.Xrm.Sdk.Entity("account") { ["name"] = "A", ["creditlimit"] = new Microsoft.Xrm.Sdk.Money(100m) });
        host.Service.Create(new Microsoft.Xrm.Sdk.Entity("account") { ["name"] = "B", ["creditlimit"] = new Microsoft.Xrm.Sdk.Money(300m) });

        var average = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("aggregate(creditlimit with average as mean)"));
        var sum = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("aggregate(name with sum as total)"));

        Assert.Equal(HttpStatusCode.OK, average.Status);
        Assert.Equal(200m, average.Json["value"]![0]!["mean"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotImplemented, sum.Status);
    }
}
