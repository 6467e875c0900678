using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API errors have Dataverse's status codes and body, {"error":{"code":"0x…","message":"…"}} ("Parse errors from the
/// Web API", learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#parse-errors-from-the-response):
/// a missing row 404 0x80040217; an entity set, property or $select column the metadata does not have 0x80060888 (404
/// for the resource, 400 for the rest); a lookup is only written through its navigation property, so its logical name or
/// its read-only _x_value in a body is an undeclared property.
/// </summary>
public sealed class WebApiErrorProbes
{
    private static readonly Guid Missing = new("0badf00d-0000-4000-8000-000000000002");

    [Fact]
    public async Task AMissingRow_Answers404_WithTheOrganizationServiceMessage()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var get = await host.GetAsync($"accounts({Missing})");
        var patch = await host.SendAsync(HttpMethod.Patch, $"accounts({Missing})", new JsonObject { ["name"] = "x" }, ("If-Match", "*"));
        var delete = await host.SendAsync(HttpMethod.Delete, $"accounts({Missing})");

        foreach (var answer in new[] { get, patch, delete })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("0x80040217", answer.ErrorCode);
            Assert.Equal($"account With Id = {Missing:D} Does Not Exist", answer.ErrorMessage);
        }
    }

    [Fact]
    public async Task AnUnknownEntitySet_Answers404_ResourceNotFound()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("acounts");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        // "GET …/Account" answers 404 {"code": "0x8006088a", "message": "Resource not found for the segment 'Account'."}
        // (Troubleshoot Dataverse Web API client errors, learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors).
        Assert.Equal("0x8006088a", answer.ErrorCode);
        Assert.Equal("Resource not found for the segment 'acounts'.", answer.ErrorMessage);
    }

    [Theory]
    [InlineData("nosuchcolumn")]
    [InlineData("_parentaccountid_value")]
    [InlineData("parentaccountid")]
    public async Task APropertyTheTypeDoesNotDeclare_InABody_IsRefused_AndNothingIsCreated(string property)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "x", [property] = "00000000-0000-0000-0000-000000000001" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        // "POST …/accounts {"Name": …}" answers 400 code "0x0" "An error occurred while validating input parameters:
        // Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity 'Microsoft.Dynamics.CRM.account'. …" (same page).
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.StartsWith($"An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property '{property}' was found in entity 'Microsoft.Dynamics.CRM.account'.", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty((await host.GetAsync("accounts?$select=name")).Json["value"]!.AsArray());
    }

    [Theory]
    [InlineData("nosuchcolumn")]
    [InlineData("parentaccountid")]
    [InlineData("_name_value")]
    public async Task ASelectOfAPropertyTheTypeDoesNotHave_IsRefused(string property)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"accounts?$select=name,{property}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        // "$select=Name" answers 400 code "0x0" (same page).
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal($"Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.account'.", answer.ErrorMessage);
    }

    [Fact]
    public async Task AValueTheColumnRefuses_Answers400_WithTheOrganizationServiceCode()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var tooLong = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = new string('x', 161) });
        var badOption = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "x", ["cos_risklevel"] = 7 });
        var wrongType = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "x", ["creditlimit"] = "lots" });

        Assert.Equal((HttpStatusCode.BadRequest, "0x80044331"), (tooLong.Status, tooLong.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "0x8004431a"), (badOption.Status, badOption.ErrorCode));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
    }
}
