using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Identify status codes" (learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors):
/// 412 Precondition Failed for ConcurrencyVersionMismatch and DuplicateRecord; 405 Method Not Allowed for
/// CannotDeleteDueToAssociation (and for a method the resource does not take, such as DELETE on a collection).
/// </summary>
public sealed class WebApiStatusCodeProbes
{
    [Fact]
    public async Task PostingARowWhoseIdIsTaken_Answers412_DuplicateRecord()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "First");

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["accountid"] = id, ["name"] = "Second" });

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal("0x80040237", answer.ErrorCode);
    }

    [Fact]
    public async Task DeletingARowARestrictRelationshipStillUses_Answers405_CannotDeleteDueToAssociation()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        SolutionRows.Receivable(host.Service, account);

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({account})");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("0x80040227", answer.ErrorCode);
        Assert.NotNull(host.Service.Retrieve("account", account, new Microsoft.Xrm.Sdk.Query.ColumnSet(false)));
    }

    [Fact]
    public async Task DeleteOnACollection_Answers405()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Delete, "accounts");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
    }
}
