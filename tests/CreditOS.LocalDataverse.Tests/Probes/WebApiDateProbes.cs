using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Dates in the Web API by their column's behaviour ("Behavior and format of the date and time column",
/// learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute): a DateOnly column is an
/// Edm.Date, read and written as yyyy-MM-dd (a date-time is refused, "Cannot convert the literal … to the expected type
/// 'Edm.Date'"); a UserLocal column is an Edm.DateTimeOffset returned in UTC with Z.
/// </summary>
public sealed class WebApiDateProbes
{
    [Fact]
    public async Task ADateOnlyColumn_IsYyyyMmDd_AndAUserLocalOneIsUtcWithZ()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Contoso",
            ["cos_limitreviewon"] = "2026-12-31",
            ["cos_lastscoredon"] = "2026-12-04T10:15:00+01:00",
        });
        var row = (await host.GetAsync($"accounts({created.EntityId})?$select=cos_limitreviewon,cos_lastscoredon")).Json;

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal("2026-12-31", row["cos_limitreviewon"]!.GetValue<string>());
        Assert.Equal("2026-12-04T09:15:00Z", row["cos_lastscoredon"]!.GetValue<string>());
        Assert.Equal(new DateTime(2026, 12, 31), host.Service.Retrieve("account", created.EntityId, new ColumnSet("cos_limitreviewon")).GetAttributeValue<DateTime>("cos_limitreviewon"));
    }

    [Fact]
    public async Task ADateTime_ForADateOnlyColumn_IsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["cos_limitreviewon"] = "2026-12-31T00:00:00Z" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        // A body the OData library cannot read is the payload error 0x80048d19 (Troubleshoot Dataverse Web API client errors; Web API round 9).
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.StartsWith("Error identified in Payload provided by the user for Entity :'accounts'", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("InnerException : Microsoft.OData.ODataException: Cannot convert the literal '2026-12-31T00:00:00Z' to the expected type 'Edm.Date'.", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADateOnlyFilter_ComparesDates()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Early", ["cos_limitreviewon"] = new DateTime(2026, 1, 10) });
        host.Service.Create(new Entity("account") { ["name"] = "Late", ["cos_limitreviewon"] = new DateTime(2026, 6, 10) });

        var answer = await host.GetAsync("accounts?$select=name&$filter=cos_limitreviewon ge 2026-03-01");

        Assert.Equal("Late", Assert.Single(answer.Json["value"]!.AsArray())!["name"]!.GetValue<string>());
    }
}
