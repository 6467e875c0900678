using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Use parameter aliases with query options" (webapi/query/overview): "You can use parameter aliases for $filter and $orderby query
/// options … If the alias isn't assigned a value, it's assumed to be null", with Microsoft's example
/// <c>$orderby=@p1 asc,@p2 desc&amp;$filter=@p1 ne @p3&amp;@p1=revenue&amp;@p2=name</c>; "You can also use parameter aliases when
/// using functions". They answered 501. The same page: "The Dataverse Web API doesn't support the following OData query options:
/// $skip, $search, $format"; $search and $format answered 501 "does not implement" as if Dataverse had them, now 400 like $skip.
/// </summary>
public sealed class WebApiParameterAliasProbes
{
    [Fact]
    public async Task MicrosoftsExample_FiltersAndOrdersThroughTheAliases()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var aliased = await host.GetAsync("accounts?$select=name,revenue&$orderby=@p1 asc,@p2 desc&$filter=@p1 ne @p3&@p1=revenue&@p2=name");
        var plain = await host.GetAsync("accounts?$select=name,revenue&$orderby=revenue asc,name desc&$filter=revenue ne null");

        Assert.Equal(HttpStatusCode.OK, aliased.Status);
        Assert.Equal(["Beta", "Alpha", "Gamma"], Names(aliased));
        Assert.Equal(Names(plain), Names(aliased));
    }

    [Fact]
    public async Task AnAliasedLiteral_AndAnAliasedFunctionParameter_AreRead()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var literal = await host.GetAsync("accounts?$select=name&$filter=name eq @name&@name='Alpha'");
        var function = await host.GetAsync("accounts?$select=name&$orderby=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)") + "&@p1='name'&@p2=" + Uri.EscapeDataString("[\"Alpha\",\"Gamma\"]"));

        Assert.Equal(["Alpha"], Names(literal));
        Assert.Equal(["Alpha", "Gamma"], Names(function));
    }

    [Theory]
    [InlineData("$search=Alpha")]
    [InlineData("$format=json")]
    [InlineData("$skip=1")]
    public async Task QueryOptionsDataverseDoesNotSupport_Answer400(string option)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&" + option);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
    }

    private static void Seed(WebApiProbeHost host)
    {
        host.Service.Create(new Entity("account") { ["name"] = "Alpha", ["revenue"] = new Money(200m) });
        host.Service.Create(new Entity("account") { ["name"] = "Beta", ["revenue"] = new Money(100m) });
        host.Service.Create(new Entity("account") { ["name"] = "Gamma", ["revenue"] = new Money(300m) });
        host.Service.Create(new Entity("account") { ["name"] = "Delta" });
    }

    private static string[] Names(WebApiProbeHost.Answer answer) =>
        answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray();
}
