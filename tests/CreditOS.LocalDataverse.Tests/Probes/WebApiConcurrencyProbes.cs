using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Conditional operations with ETags ("Perform conditional operations using the Web API",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api): every row
/// carries @odata.etag; PATCH or DELETE with If-Match and a stale ETag answers 412 Precondition Failed
/// (0x80060882) and changes nothing; GET with If-None-Match and the current ETag answers 304 Not Modified; PATCH with
/// If-None-Match: * only creates (412 when the row exists) and with If-Match: * only updates (404 when it does not).
/// </summary>
public sealed class WebApiConcurrencyProbes
{
    [Fact]
    public async Task APatchWithAStaleETag_Answers412_AndTheCurrentETagUpdates()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var stale = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
        host.Service.Update(new Entity("account", id) { ["name"] = "Changed by someone else" });

        var refused = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Mine" }, ("If-Match", stale));
        var current = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
        var accepted = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Mine" }, ("If-Match", current));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Status);
        Assert.Equal("0x80060882", refused.ErrorCode);
        Assert.StartsWith("W/\"", stale, StringComparison.Ordinal);
        Assert.NotEqual(stale, current);
        Assert.Equal(HttpStatusCode.NoContent, accepted.Status);
        Assert.Equal("Mine", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task ADeleteWithAStaleETag_Answers412_AndTheRowStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var stale = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
        host.Service.Update(new Entity("account", id) { ["name"] = "Changed" });

        var refused = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-Match", stale));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Status);
        Assert.Equal("Changed", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task AConditionalGet_WithTheCurrentETag_Answers304_AndAfterAChange200()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();

        var unchanged = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag));
        host.Service.Update(new Entity("account", id) { ["name"] = "Changed" });
        var changed = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, unchanged.Status);
        Assert.Equal(string.Empty, unchanged.Text);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("Changed", changed.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertPreconditions_CreateOnlyAndUpdateOnly()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Existing", "ACC-1");
        var absent = Guid.NewGuid();

        var createOnlyOnExisting = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')", new JsonObject { ["name"] = "x" }, ("If-None-Match", "*"));
        var updateOnlyOnMissing = await host.SendAsync(HttpMethod.Patch, $"accounts({absent})", new JsonObject { ["name"] = "x" }, ("If-Match", "*"));
        var upsertCreates = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-2')", new JsonObject { ["name"] = "New" });
        var upsertUpdates = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')", new JsonObject { ["name"] = "Updated" }, ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, createOnlyOnExisting.Status);
        Assert.Equal("0x80040237", createOnlyOnExisting.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, updateOnlyOnMissing.Status);
        Assert.Equal(HttpStatusCode.NoContent, upsertCreates.Status);
        // Addressed by its alternate key, the row is named by that key in OData-EntityId (session 13, WebApiUpsertProbes).
        Assert.Equal($"{host.Server.ServiceRoot.AbsoluteUri}accounts(accountnumber='ACC-2')", upsertCreates.Headers["OData-EntityId"]);
        Assert.Equal(2, host.Dataverse.Count("account"));
        Assert.Equal(HttpStatusCode.OK, upsertUpdates.Status);
        Assert.Equal(existing, Guid.Parse(upsertUpdates.Json["accountid"]!.GetValue<string>()));
        Assert.Equal("Updated", upsertUpdates.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACreate_Answers204WithOdataEntityId_OrWithReturnRepresentation201AndTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var plain = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Plain" });
        var represented = await host.SendAsync(HttpMethod.Post, "accounts?$select=name,accountnumber", new JsonObject { ["name"] = "Shown", ["accountnumber"] = "ACC-7" }, ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.NoContent, plain.Status);
        Assert.Equal($"{host.Server.ServiceRoot.AbsoluteUri}accounts({plain.EntityId:D})", plain.Headers["OData-EntityId"]);
        Assert.Equal(HttpStatusCode.Created, represented.Status);
        Assert.Equal("Shown", represented.Json["name"]!.GetValue<string>());
        Assert.Equal("ACC-7", represented.Json["accountnumber"]!.GetValue<string>());
        Assert.NotNull(represented.Json["@odata.etag"]);
    }
}
