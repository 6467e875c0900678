using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 23 (session 31): the names in a key predicate. "Use an alternate key to reference a record" (use-alternate-key-reference-record):
/// "If you specify a column that is not defined as a unique key, an error will be thrown … The error message is: The key in the request
/// URI is not valid for resource 'Microsoft.Dynamics.CRM.&lt;table logical name&gt;'. Ensure that the names and number of key properties
/// match the declared or alternate key properties for the resource …", and for systemuser and team "you cannot use a named primary key
/// to reference these entities. The primary keys for both of these entities is ownerid, rather than systemuserid or teamid". The local
/// host answered the organization service's SDK wording (or 0x80041103 for a name in another case) and read systemusers(systemuserid=…).
/// </summary>
public sealed class WebApiKeyPredicateNameProbes
{
    private const string AccountKeyRefusal =
        "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.account'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource 'Microsoft.Dynamics.CRM.account'.";

    [Theory]
    [InlineData("accounts(name='Contoso')")]
    [InlineData("accounts(accountnumber='ACC-1',name='Contoso')")]
    [InlineData("accounts(AccountNumber='ACC-1')")]
    public async Task AKeyPredicateNamingNoKey_IsRefusedWithThePublishedMessage_ForReadsAndUpserts(string path)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var read = await host.GetAsync($"{path}?$select=name");
        var upsert = await host.SendAsync(HttpMethod.Patch, path, new JsonObject { ["description"] = "changed" });

        foreach (var answer in new[] { read, upsert })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(AccountKeyRefusal, answer.ErrorMessage);
        }

        Assert.Null(host.Service.Retrieve("account", id, new ColumnSet("description")).GetAttributeValue<string>("description"));
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task TheNamedPrimaryKeyAndTheAlternateKey_StillAddressTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var byNamedKey = await host.GetAsync($"accounts(accountid={id})?$select=name");
        var byAlternateKey = await host.GetAsync("accounts(accountnumber='ACC-1')?$select=name");

        Assert.Equal(HttpStatusCode.OK, byNamedKey.Status);
        Assert.Equal(HttpStatusCode.OK, byAlternateKey.Status);
        Assert.Equal(id, byAlternateKey.Json["accountid"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task ASystemUserOrTeamByItsNamedPrimaryKey_IsRefused_InTheUrlAndInABind()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "Contoso");
        var team = host.Dataverse.CreateTeam("Collections");

        var user = await host.GetAsync($"systemusers(systemuserid={host.ApplicationUserId})?$select=fullname");
        var teamRow = await host.GetAsync($"teams(teamid={team})?$select=name");
        var bind = await host.SendAsync(HttpMethod.Patch, $"accounts({account})",
            new JsonObject { ["ownerid@odata.bind"] = $"/systemusers(systemuserid={host.ApplicationUserId})" });

        Assert.Equal(HttpStatusCode.BadRequest, user.Status);
        Assert.Contains("The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.systemuser'.", user.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, teamRow.Status);
        Assert.Contains("The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.team'.", teamRow.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bind.Status);
        Assert.NotEqual(host.ApplicationUserId, host.Service.Retrieve("account", account, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);

        // By id alone they are read as before.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"systemusers({host.ApplicationUserId})?$select=fullname")).Status);
    }

    [Fact]
    public async Task ASystemUserByOwnerid_IsNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"systemusers(ownerid={host.ApplicationUserId})?$select=fullname");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains("ownerid", answer.ErrorMessage, StringComparison.Ordinal);
    }
}
