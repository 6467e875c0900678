using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// PATCH upserts and conditional requests as Microsoft documents their answers.
/// - "Notice how the OData-EntityId response header uses the key values rather than the GUID primary key identifier for the
///   record" (Update and delete table rows using the Web API, "Upsert a table"; the Use Upsert page shows
///   example_records(example_key1=2,example_key2=2) for both the create and the update): the local host answered with the id.
/// - "When an entity is created in this way [return=representation], the OData-EntityId header containing the URI to the created
///   record isn't returned" (Create a table row using the Web API, "Create with data returned"): the local host returned it.
/// - The key values in the body: on update "these alternate key values will be ignored", on create "the key values in the URL will
///   be set for the record if they are not present in the body" (same page): the local host wrote the body's key over the row's and,
///   under If-None-Match: *, the URL's over the body's.
/// - "Prevent update in upsert": If-None-Match: * on an existing row answers 412 "A record with matching key values already exists."
///   (Perform conditional operations using the Web API): the local host answered the create's duplicate-key wording.
/// - "When the Prefer: odata.include-annotations header is included with a GET request it will never return 304 Not Modified"
///   (same page, "Query must not include annotations"): the local host answered 304.
/// </summary>
public sealed class WebApiUpsertProbes
{
    [Fact]
    public async Task AnUpsertByKey_NamesTheRowByThatKey_InODataEntityId()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var created = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')", new JsonObject { ["name"] = "Contoso" });
        var updated = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')", new JsonObject { ["name"] = "Contoso Ltd" });
        var byId = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Fabrikam" });

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal($"{root}accounts(accountnumber='ACC-1')", created.Headers["OData-EntityId"]);
        Assert.Equal(HttpStatusCode.NoContent, updated.Status);
        Assert.Equal($"{root}accounts(accountnumber='ACC-1')", updated.Headers["OData-EntityId"]);
        Assert.StartsWith($"{root}accounts(", byId.Headers["OData-EntityId"], StringComparison.Ordinal);
        Assert.True(Guid.TryParse(byId.Headers["OData-EntityId"][$"{root}accounts(".Length..^1], out _));
    }

    [Fact]
    public async Task ACreateWithReturnRepresentation_Answers201_WithoutODataEntityId()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts?$select=name", new JsonObject { ["name"] = "Contoso" }, ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.False(created.Headers.ContainsKey("OData-EntityId"));
        Assert.Equal("Contoso", created.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheBodysKeyValue_IsIgnoredOnUpdate_AndWinsOnCreate()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var update = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')", new JsonObject { ["accountnumber"] = "ACC-9", ["name"] = "Contoso Ltd" });
        var create = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-2')", new JsonObject { ["accountnumber"] = "ACC-3", ["name"] = "Fabrikam" });
        var createOnly = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-4')", new JsonObject { ["accountnumber"] = "ACC-5", ["name"] = "Northwind" }, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, update.Status);
        Assert.Equal("ACC-1", host.Service.Retrieve("account", existing, new ColumnSet("accountnumber")).GetAttributeValue<string>("accountnumber"));
        Assert.Equal(HttpStatusCode.NoContent, create.Status);
        Assert.Equal(HttpStatusCode.NoContent, createOnly.Status);
        Assert.Equal(["ACC-1", "ACC-3", "ACC-5"], Numbers(host));
    }

    [Theory]
    [InlineData("accounts(accountnumber='ACC-1')")]
    [InlineData("accounts({0})")]
    public async Task IfNoneMatchStar_OnAnExistingRow_Answers412_AMatchingKeyExists(string address)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var existing = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Patch, string.Format(System.Globalization.CultureInfo.InvariantCulture, address, existing), new JsonObject { ["name"] = "x" }, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal("0x80040237", answer.ErrorCode);
        Assert.Equal("A record with matching key values already exists.", answer.ErrorMessage);
        Assert.Equal("Contoso", host.Service.Retrieve("account", existing, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task IfNoneMatch_WithAnnotationsAsked_NeverAnswers304()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var etag = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();

        var plain = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag));
        var annotated = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag), ("Prefer", "odata.include-annotations=\"*\""));

        Assert.Equal(HttpStatusCode.NotModified, plain.Status);
        Assert.Equal(HttpStatusCode.OK, annotated.Status);
        Assert.Equal("Contoso", annotated.Json["name"]!.GetValue<string>());
    }

    private static string[] Numbers(WebApiProbeHost host) =>
        [.. host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("accountnumber") }).Entities
            .Select(row => row.GetAttributeValue<string>("accountnumber")).Order(StringComparer.Ordinal)];
}
