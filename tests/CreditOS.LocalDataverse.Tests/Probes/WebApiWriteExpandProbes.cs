using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// $expand on writes with return=representation (fidelity round 6). "Create with data returned": "To control which properties are
/// returned, append the $select query option to the URL to the entity set. You may also use $expand to return related entities"
/// (webapi/create-entity-web-api; its example POSTs accounts?$select=name&amp;$expand=primarycontactid($select=fullname),… and answers
/// 201 with the expanded contact). "Update with data returned": "The $expand query option will be ignored if used"
/// (webapi/update-delete-entities-using-web-api). Both answered 501 "does not implement the query option '$expand'" before.
/// </summary>
public sealed class WebApiWriteExpandProbes
{
    [Fact]
    public async Task APostWithReturnRepresentation_ReturnsTheExpandedLookup()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var answer = await host.SendAsync(
            HttpMethod.Post,
            "accounts?$select=name&$expand=primarycontactid($select=lastname)",
            new JsonObject { ["name"] = "Sample Account", ["primarycontactid@odata.bind"] = $"/contacts({contact})" },
            ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.EndsWith("$metadata#accounts(name,primarycontactid(lastname))/$entity", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Sample Account", answer.Json["name"]!.GetValue<string>());
        Assert.Equal(contact, answer.Json["primarycontactid"]!["contactid"]!.GetValue<Guid>());
        Assert.Equal("Smith", answer.Json["primarycontactid"]!["lastname"]!.GetValue<string>());
    }

    [Fact]
    public async Task APostWithAnUnknownExpand_IsRefused_AndCreatesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(
            HttpMethod.Post,
            "accounts?$select=name&$expand=nosuchproperty",
            new JsonObject { ["name"] = "Never created" },
            ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public async Task APatchWithReturnRepresentation_IgnoresExpand_AndAnswersTheUpdatedRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });
        var account = host.Service.Create(new Entity("account") { ["name"] = "Before", ["primarycontactid"] = new EntityReference("contact", contact) });

        var answer = await host.SendAsync(
            HttpMethod.Patch,
            $"accounts({account})?$select=name&$expand=primarycontactid($select=lastname)",
            new JsonObject { ["name"] = "Updated Sample Account" },
            ("Prefer", "return=representation"), ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Updated Sample Account", answer.Json["name"]!.GetValue<string>());
        Assert.Null(answer.Json["primarycontactid"]);
        Assert.EndsWith("$metadata#accounts(name)/$entity", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Updated Sample Account", host.Service.Retrieve("account", account, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }
}
