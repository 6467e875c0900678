using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 21: statecode and statuscode on Create, per the Account table reference (reference/entities/account): StateCode
/// "IsValidForCreate False", choices "0 Active, DefaultStatus 1" and "1 Inactive, DefaultStatus 2"; StatusCode (valid for create)
/// "1 Active, State 0" and "2 Inactive, State 1". A new row is Active with the Active state's default status; a status reason of the
/// Active state is taken; a status reason of the Inactive state is refused with InvalidStateCodeStatusCode 0x80048408
/// (reference/web-service-error-codes) because the row is created Active; statecode is refused as not valid for create
/// (0x80040203; whether Dataverse refuses or drops it is not published). Controls: the local Dataverse already answered so.
/// </summary>
public sealed class CreateStateProbes
{
    [Fact]
    public void ANewRow_IsActive_WithTheActiveStatesDefaultStatus_AndTakesAnActiveStatusReason()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var plain = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var withStatus = service.Create(new Entity("account") { ["name"] = "Fabrikam", ["statuscode"] = new OptionSetValue(1) });

        foreach (var id in new[] { plain, withStatus })
        {
            var row = service.Retrieve("account", id, new ColumnSet("statecode", "statuscode"));
            Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }
    }

    [Fact]
    public void AnInactiveStatusReason_OrAStateCode_OnCreate_IsRefused_AndNothingIsCreated()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var inactiveStatus = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("account") { ["name"] = "Contoso", ["statuscode"] = new OptionSetValue(2) }));
        var state = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("account") { ["name"] = "Contoso", ["statecode"] = new OptionSetValue(0) }));

        Assert.Equal(unchecked((int)0x80048408), inactiveStatus.Detail.ErrorCode);
        Assert.Equal(unchecked((int)0x80040203), state.Detail.ErrorCode);
        Assert.Equal("The attribute 'statecode' of entity 'account' is not valid for create.", state.Detail.Message);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task OverTheWebApi_StateCodeIs400_AndTheReturnedRowHasTheDefaultPair()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var state = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["statecode"] = 1 });
        var created = await host.SendAsync(HttpMethod.Post, "accounts?$select=statecode,statuscode", new JsonObject { ["name"] = "Contoso" },
            ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.BadRequest, state.Status);
        Assert.Equal("0x80040203", state.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(0, created.Json["statecode"]!.GetValue<int>());
        Assert.Equal(1, created.Json["statuscode"]!.GetValue<int>());
    }
}
