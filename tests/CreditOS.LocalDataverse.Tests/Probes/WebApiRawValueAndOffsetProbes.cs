using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 16:
/// <list type="bullet">
/// <item>GET {row}/{property}/$value answers the raw value as text/plain (OData 4.01 Protocol, "Requesting a Property's Raw Value using
/// $value"); it answered 501. GET {row}/{property} keeps Microsoft's shape {"@odata.context": "…$metadata#accounts(…)/name", "value": …}
/// (Retrieve a table row using the Web API, "Retrieve a single property value").</item>
/// <item>A date-time without offset in a body: "Original Value: 4/4/2021T12:00:00 or 4/4/2021T12:00:00Z – no offset or UTC indicator
/// provided … the value is stored as 4/4/2021T12:00:00Z" (Behavior and format of the date and time column, "Using OData APIs to submit
/// user local date and time values"). It was refused (400).</item>
/// </list>
/// </summary>
public sealed class WebApiRawValueAndOffsetProbes
{
    [Fact]
    public async Task ValueSegment_AnswersTheRawValueAsText()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = host.Service.Create(new Entity("account") { ["name"] = "Adventure Works (sample)", ["numberofemployees"] = 250 });

        var name = await host.GetAsync($"accounts({account})/name/$value");
        var employees = await host.GetAsync($"accounts({account})/numberofemployees/$value");
        var property = await host.GetAsync($"accounts({account})/name");

        Assert.Equal(HttpStatusCode.OK, name.Status);
        Assert.StartsWith("text/plain", name.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("Adventure Works (sample)", name.Text);
        Assert.Equal("250", employees.Text);
        Assert.Equal(HttpStatusCode.OK, property.Status);
        Assert.EndsWith($"$metadata#accounts({account})/name", property.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Adventure Works (sample)", property.Json["value"]!.GetValue<string>());
    }

    /// <summary>
    /// A segment the entity type does not have (a misspelt column, a lookup's logical name, whose property is _x_value) answers
    /// 404 0x8006088a "Resource not found for the segment '…'." (Troubleshoot Dataverse Web API client errors); it answered 501.
    /// </summary>
    [Theory]
    [InlineData("nosuchcolumn/$value", "nosuchcolumn")]
    [InlineData("nosuchcolumn", "nosuchcolumn")]
    [InlineData("cos_collectorid", "cos_collectorid")]
    public async Task ASegmentTheTypeDoesNotHave_Answers404(string segment, string named)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({account})/{segment}");
        var put = await host.SendAsync(HttpMethod.Put, $"accounts({account})/{named}", new JsonObject { ["value"] = "x" });

        Assert.Equal((HttpStatusCode.NotFound, "0x8006088a"), (answer.Status, answer.ErrorCode));
        Assert.Equal($"Resource not found for the segment '{named}'.", answer.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, put.Status);
    }

    [Fact]
    public async Task ADateTimeWithoutOffset_IsStoredAsUtc_AsWithZ()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["cos_lastscoredon"] = "2021-04-04T12:00:00" });

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        var stored = host.Service.Retrieve("account", created.EntityId, new ColumnSet("cos_lastscoredon")).GetAttributeValue<DateTime>("cos_lastscoredon");
        Assert.Equal(new DateTime(2021, 4, 4, 12, 0, 0, DateTimeKind.Utc), stored);
        Assert.Equal(DateTimeKind.Utc, stored.Kind);
    }

    [Theory]
    [InlineData("4/4/2021 12:00")]
    [InlineData("2021-04-04 12:00:00")]
    public async Task ADateTimeNotInIsoForm_StaysRefused(string text)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["cos_lastscoredon"] = text });

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }
}
