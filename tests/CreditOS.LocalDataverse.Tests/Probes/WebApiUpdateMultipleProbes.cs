using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// UpdateMultiple over the Web API (session 21; it answered 501): <c>POST {set}/Microsoft.Dynamics.CRM.UpdateMultiple</c> with
/// <c>{"Targets":[…]}</c>, each row with its <c>@odata.type</c> and key ("Use bulk operation messages", Web API examples), runs the
/// organization service's UpdateMultiple: 204, every row written in one transaction, nothing written when one row fails, rows of
/// one table only. What the local host does not read (a row without @odata.type, another parameter) it refuses.
/// </summary>
public sealed class WebApiUpdateMultipleProbes
{
    [Fact]
    public async Task UpdateMultiple_WritesEveryRow_AndAnswersNoContent()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var first = host.Service.Create(new Entity("account") { ["name"] = "First" });
        var second = host.Service.Create(new Entity("account") { ["name"] = "Second" });

        var answer = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(Row(first, "First renamed"), Row(second, "Second renamed")));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal("First renamed", Name(host, first));
        Assert.Equal("Second renamed", Name(host, second));
    }

    [Fact]
    public async Task UpdateMultiple_WritesNothing_WhenOneRowFails()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var first = host.Service.Create(new Entity("account") { ["name"] = "First" });
        var second = host.Service.Create(new Entity("account") { ["name"] = "Second" });

        var answer = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(Row(first, "Not kept"), Row(second, new string('x', 200))));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("First", Name(host, first));
        Assert.Equal("Second", Name(host, second));
    }

    [Fact]
    public async Task UpdateMultiple_RefusesARowOfAnotherTable_ARowWithoutItsType_AndAnotherParameter()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var first = host.Service.Create(new Entity("account") { ["name"] = "First" });
        var contact = Row(first, "Contact");
        contact["@odata.type"] = "Microsoft.Dynamics.CRM.contact";
        var untyped = Row(first, "Untyped");
        untyped.Remove("@odata.type");
        var extra = BulkTargets.Of(Row(first, "Extra"));
        extra["ConcurrencyBehavior"] = 1;

        var other = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(Row(first, "Kept out"), contact));
        var noType = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(untyped));
        var parameter = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", extra);

        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal(HttpStatusCode.NotImplemented, noType.Status);
        Assert.Contains("@odata.type", noType.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, parameter.Status);
        Assert.Contains("ConcurrencyBehavior", parameter.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("First", Name(host, first));
    }

    private static JsonObject Row(Guid id, string name) => new() { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["accountid"] = id.ToString("D"), ["name"] = name };

    private static string? Name(WebApiProbeHost host, Guid id) => host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name");
}
