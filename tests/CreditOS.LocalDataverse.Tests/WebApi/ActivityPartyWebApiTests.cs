using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.WebApi;

/// <summary>
/// The Web API sets an activity's parties as Microsoft documents it: a deep insert of the email_activity_parties
/// collection, each item with its participationtypemask and partyid_{table}@odata.bind (or an addressused). The email's
/// PartyList columns are not Web API properties.
/// </summary>
public sealed class ActivityPartyWebApiTests
{
    /// <summary>A local test credential, not a secret.</summary>
    private const string Token = "local-test-token-activity-parties";

    private static readonly Guid ClientId = new("a9910000-0000-4000-8000-0000000a0a0a");

    [Fact]
    public async Task AnEmailPosted_WithItsActivityParties_StoresThemAsThePartyListColumns()
    {
        using var dataverse = new LocalDataverse();
        await using var server = await Serve(dataverse);
        var service = dataverse.GetOrganizationService();
        var sender = dataverse.CreateUser("Colin Collector");
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Payable", ["emailaddress1"] = "ap@contoso.example" });
        using var http = Client(server);

        var body = new JsonObject
        {
            ["subject"] = "First reminder",
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = 1, ["partyid_systemuser@odata.bind"] = $"/systemusers({sender})" },
                new JsonObject { ["participationtypemask"] = 2, ["partyid_contact@odata.bind"] = $"/contacts({contact})" },
                new JsonObject { ["participationtypemask"] = 3, ["addressused"] = "credit@fabrikam.example" }),
        };
        using var created = await http.PostAsync(new Uri("emails", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var id = Guid.Parse(created.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1]);
        var email = service.Retrieve("email", id, new ColumnSet("from", "to", "cc"));
        Assert.Equal(sender, Assert.Single(email.GetAttributeValue<EntityCollection>("from").Entities).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.Equal(contact, Assert.Single(email.GetAttributeValue<EntityCollection>("to").Entities).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.Equal("credit@fabrikam.example", Assert.Single(email.GetAttributeValue<EntityCollection>("cc").Entities).GetAttributeValue<string>("addressused"));

        using var parties = await http.GetAsync(new Uri($"activityparties?$filter=_activityid_value eq {id}", UriKind.Relative));
        var rows = JsonNode.Parse(await parties.Content.ReadAsStringAsync())!["value"]!.AsArray();
        Assert.Equal([1, 2, 3], rows.Select(r => r!["participationtypemask"]!.GetValue<int>()).Order().ToArray());
    }

    [Fact]
    public async Task APartyListColumnAsAProperty_OrASecondSender_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        await using var server = await Serve(dataverse);
        var one = dataverse.CreateUser("One");
        var two = dataverse.CreateUser("Two");
        using var http = Client(server);

        using var asProperty = await http.PostAsync(new Uri("emails", UriKind.Relative), Json(new JsonObject { ["subject"] = "x", ["to"] = new JsonArray() }));
        using var twoSenders = await http.PostAsync(new Uri("emails", UriKind.Relative), Json(new JsonObject
        {
            ["subject"] = "x",
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = 1, ["partyid_systemuser@odata.bind"] = $"/systemusers({one})" },
                new JsonObject { ["participationtypemask"] = 1, ["partyid_systemuser@odata.bind"] = $"/systemusers({two})" }),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, asProperty.StatusCode);
        var refused = JsonNode.Parse(await asProperty.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("0x0", refused["code"]!.GetValue<string>());
        Assert.StartsWith("An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property 'to' was found in entity 'Microsoft.Dynamics.CRM.email'.", refused["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twoSenders.StatusCode);
        Assert.Contains("takes one party only; 2 were given", JsonNode.Parse(await twoSenders.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(dataverse.GetOrganizationService().RetrieveMultiple(new QueryExpression("email") { ColumnSet = new ColumnSet("subject") }).Entities);
    }

    private static async Task<LocalDataverseWebApiServer> Serve(LocalDataverse dataverse)
    {
        var user = ApplicationUsers.Create(dataverse, "activity party client", ClientId);
        dataverse.AssignRole(user, dataverse.SystemAdministratorRoleId);
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        options.AccessTokens[Token] = ClientId;
        return await LocalDataverseWebApiServer.StartAsync(dataverse, options);
    }

    private static HttpClient Client(LocalDataverseWebApiServer server)
    {
        var http = new HttpClient { BaseAddress = server.ServiceRoot };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
