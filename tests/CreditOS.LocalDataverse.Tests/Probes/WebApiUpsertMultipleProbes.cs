using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// UpsertMultiple over the Web API (Web API round 14; it answered 501). The UpsertMultiple Action reference
/// (learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/upsertmultiple): "You must specify the @odata.type
/// annotation with every item in the Targets parameter"; "The UpsertMultiple action returns 204 NoContent. The UpsertMultipleResponse
/// complex type is not returned"; each row is identified by "The @odata.id annotation … with a relative URL as described in Use an
/// alternate key to reference a record", <c>"@odata.id": "sample_examples(sample_keyattribute='0000001')"</c>. "Use bulk operation
/// messages": one transaction, and "Multiple records with the same primary key or alternate key values in the payload are not
/// supported with UpsertMultiple … UpsertMultiple will return an error".
/// </summary>
public sealed class WebApiUpsertMultipleProbes
{
    private const string Path = "accounts/Microsoft.Dynamics.CRM.UpsertMultiple";

    [Fact]
    public async Task UpsertMultiple_UpdatesTheRowsItsKeysFind_CreatesTheOthers_AndAnswersNoContent()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("accounts(accountnumber='ACC-1')", "Contoso Ltd"), Row("accounts(accountnumber='ACC-2')", "Fabrikam")));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(string.Empty, answer.Text);
        Assert.Equal([("ACC-1", "Contoso Ltd"), ("ACC-2", "Fabrikam")], Accounts(host));
        Assert.Equal("Contoso Ltd", host.Service.Retrieve("account", existing, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task UpsertMultiple_ReadsARowAddressedByItsId()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row($"accounts({existing:D})", "Renamed by id")));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal([("ACC-1", "Renamed by id")], Accounts(host));
    }

    [Fact]
    public async Task UpsertMultiple_WritesNothing_WhenOneRowFails()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("accounts(accountnumber='ACC-1')", "Not kept"), Row("accounts(accountnumber='ACC-2')", new string('x', 200))));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([("ACC-1", "Contoso")], Accounts(host));
    }

    [Fact]
    public async Task UpsertMultiple_RefusesWhatItDoesNotRead_AndWritesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso", "ACC-1");
        var unnamed = Row("accounts(accountnumber='ACC-1')", "No @odata.id");
        unnamed.Remove("@odata.id");
        var untyped = Row("accounts(accountnumber='ACC-1')", "Untyped");
        untyped.Remove("@odata.type");

        var noId = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(unnamed));
        var noType = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(untyped));
        var otherSet = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("contacts(accountnumber='ACC-1')", "Other set")));
        var twice = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("accounts(accountnumber='ACC-1')", "One"), Row("accounts(accountnumber='ACC-1')", "Two")));

        Assert.Equal(HttpStatusCode.NotImplemented, noId.Status);
        Assert.Contains("@odata.id", noId.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, noType.Status);
        Assert.Contains("@odata.type", noType.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherSet.Status);
        Assert.Contains("contacts", otherSet.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal([("ACC-1", "Contoso")], Accounts(host));
    }

    [Fact]
    public async Task UpdateMultiple_RowNamedByODataId_IsNotImplemented_NotIgnored()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Contoso", "ACC-1");
        var both = Row("accounts(accountnumber='ACC-9')", "Both");
        both["accountid"] = existing.ToString("D");

        var byODataId = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(Row("accounts(accountnumber='ACC-1')", "By @odata.id")));
        var withKey = await host.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", BulkTargets.Of(both));

        Assert.Equal(HttpStatusCode.NotImplemented, byODataId.Status);
        Assert.Contains("@odata.id", byODataId.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, withKey.Status);
        Assert.Equal([("ACC-1", "Contoso")], Accounts(host));
    }

    private static JsonObject Row(string address, string name) =>
        new() { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["name"] = name, ["@odata.id"] = address };

    private static List<(string?, string?)> Accounts(WebApiProbeHost host) =>
        [.. host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("accountnumber", "name") }).Entities
            .Select(row => (row.GetAttributeValue<string>("accountnumber"), row.GetAttributeValue<string>("name")))
            .OrderBy(row => row.Item1, StringComparer.Ordinal)];
}
