using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A request body's @odata.type names the entity's type (OData JSON format 4.0, "Control Information: odata.type"); Dataverse's
/// entity types derive only from crmbaseentity, so a body for accounts typed as a contact is refused by the OData library ("A
/// resource with type … was found, but it is not assignable to the expected type …"). The local host ignored the annotation and
/// created an account.
/// </summary>
public sealed class WebApiPayloadTypeProbes
{
    [Fact]
    public async Task ABodyTypedAsAnotherTable_IsRefused_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.contact", ["name"] = "Contoso" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains("not assignable to the expected type 'Microsoft.Dynamics.CRM.account'", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.account")]
    [InlineData("#Microsoft.Dynamics.CRM.account")]
    public async Task ABodyTypedAsItsOwnTable_IsCreated(string type)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["@odata.type"] = type, ["name"] = "Contoso" });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
    }
}
