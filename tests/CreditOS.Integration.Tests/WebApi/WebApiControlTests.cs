using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.Hosting;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// The session-7 controls tried through the Web API host as a sales rep's application user (Sales Rep role, Credit
/// Readers profile) with every plug-in of the product registered: the same guards answer over HTTP, with Dataverse's
/// error shape and the figures in the message.
/// </summary>
public sealed class WebApiControlTests : IAsyncLifetime
{
    private const string SamToken = "local-test-token-creditos-sam";
    private static readonly Guid SamApplicationId = new("a9910000-0000-4000-8000-00000000d5a1");
    private LocalDataverseOverHttp _local = null!;
    private HttpClient _sam = null!;
    private Guid _account;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(options => options.AccessTokens[SamToken] = SamApplicationId, withOrderCheck: false);
        CreditPlugins.Register(_local.Dataverse);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        var sam = ApplicationUsers.Create(_local.Dataverse, "Sam through the Web API", SamApplicationId);
        ApplicationUsers.AssignRole(_local.Dataverse, sam, "creditOS Sales Rep");
        _local.Dataverse.AssignFieldSecurityProfile(sam, _local.Dataverse.SolutionFieldSecurityProfileId("creditOS Credit Readers"));
        _account = _local.AddAccount("C-7001");
        _local.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(LocalDataverseOverHttp.AccountTable, _account) });
        _sam = new HttpClient { BaseAddress = _local.Server.ServiceRoot };
        _sam.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SamToken);
    }

    public async Task DisposeAsync()
    {
        _sam.Dispose();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotMarkHisOrderAnEdiOrder_NorAddLinesBeyondTheCheckedAmount()
    {
        var edi = await _sam.PostAsJsonAsync("salesorders", Order(1_000m, channel: 412500002));
        var own = await _sam.PostAsJsonAsync("salesorders", Order(1_000m, channel: 412500000));
        var orderUrl = own.Headers.GetValues("OData-EntityId").Single();
        var orderId = orderUrl[(orderUrl.LastIndexOf('(') + 1)..^1];
        var line = await _sam.PostAsJsonAsync("salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({orderId})",
            ["productdescription"] = "Pallet",
            ["quantity"] = 3m,
            ["priceperunit"] = 500m,
        });

        Assert.Equal(HttpStatusCode.BadRequest, edi.StatusCode);
        Assert.Contains("cannot be marked as coming through EDI", await edi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, line.StatusCode);
        Assert.Contains("its lines would total 1,500.00, 500.00 more", await line.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _local.Dataverse.Count(LocalDataverseOverHttp.SalesOrderTable));
        Assert.Equal(0, _local.Dataverse.Count("salesorderdetail"));
    }

    private JsonObject Order(decimal total, int channel) => new()
    {
        ["name"] = "Sam's order",
        ["totalamount"] = total,
        ["cos_channel"] = channel,
        ["customerid_account@odata.bind"] = $"/accounts({_account:D})",
        ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})",
    };
}
