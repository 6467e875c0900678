extern alias plugins;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AccountIndustry = plugins::CreditOS.Dataverse.Model.AccountIndustry;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The session-12 controls over the local Web API host, as Sam signed in with his own token: moving his customer into
/// another industry, renumbering it (its ERP customer number), deactivating a grandchild of a credit group's parent,
/// lowering his approved order's amount below its lines and re-sending it unchanged beside a higher freight, alone and
/// in a <c>$batch</c> change set. A refusal is Dataverse's 400 with the guard's message, and nothing is written.
/// </summary>
public sealed class WebApiCustomerIdentityAndOrderBillingControlTests : WebApiControlTestsBase
{
    private static readonly Guid Outlet = new("c0000000-0000-4000-8000-0000000000b1");

    public WebApiCustomerIdentityAndOrderBillingControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.SalesRep)
    {
        World.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(60_000).WithGroupLimit(200_000).Create(World.Service);
        AnAccount().Named("Northwind Retail").WithLimit(50_000).WithOpenReceivables(10_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(World.Service);
        AnAccount().WithId(Outlet).Named("Northwind Outlet").WithLimit(30_000).WithOpenReceivables(25_000).SubsidiaryOf(CreditTestIds.Customer).Create(World.Service);
        World.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.AccountNumber] = "N-2001",
            [Account.Fields.IndustryCode] = new OptionSetValue((int)AccountIndustry.DurableManufacturing),
        });
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotReclassifyRenumberOrDeactivateHisGroupsCustomers()
    {
        var sam = People[FixedIds.SalesRep];

        var industry = await SendAsync(sam, HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", new JsonObject { ["industrycode"] = (int)AccountIndustry.Financial });
        var number = await SendAsync(sam, HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", new JsonObject { ["accountnumber"] = "N-2001-X" });
        var deactivate = await SendAsync(sam, HttpMethod.Patch, $"accounts({Outlet:D})", new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 });

        AssertRefused(industry, "The industry of account 'Northwind Retail' cannot be changed by you");
        AssertRefused(number, "The account number of 'Northwind Retail' cannot be changed by you (from 'N-2001' to 'N-2001-X')");
        AssertRefused(deactivate, "it belongs to the credit group 'Northwind Holdings' (group limit 200,000.00)");
        var customer = World.Account(CreditTestIds.Customer);
        Assert.Equal((int)AccountIndustry.DurableManufacturing, customer.GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode).Value);
        Assert.Equal("N-2001", customer.GetAttributeValue<string>(Account.Fields.AccountNumber));
        Assert.Equal(0, World.Account(Outlet).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotLowerHisOrderBelowItsLines_NorReSendItsAmountBesideAHigherFreight_AloneOrInABatch()
    {
        var sam = People[FixedIds.SalesRep];
        var order = AnOrder().Of(20_000).Create(World.Context.As(FixedIds.SalesRep));
        var line = await SendAsync(sam, HttpMethod.Post, "salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order:D})",
            ["productdescription"] = "Pallet",
            ["quantity"] = 40m,
            ["priceperunit"] = 500m,
        });
        Assert.Equal(HttpStatusCode.NoContent, line.Status);

        var name = World.Order(order).GetAttributeValue<string>(SalesOrder.Fields.Name);
        var lowered = await SendAsync(sam, HttpMethod.Patch, $"salesorders({order:D})", new JsonObject { ["totalamount"] = 500m });
        var freight = await SendAsync(sam, HttpMethod.Patch, $"salesorders({order:D})", new JsonObject { ["freightamount"] = 60_000m, ["totalamount"] = 20_000m });
        var batch = await BatchAsync(sam, order);

        AssertRefused(lowered, "its lines order 20,000.00; lowering its amount to 500.00");
        AssertRefused(freight, "but its amount was saved as 20,000.00");
        Assert.Contains("HTTP/1.1 400", batch, StringComparison.Ordinal);
        Assert.Contains("its lines order 20,000.00; lowering its amount to 500.00", batch, StringComparison.Ordinal);
        var kept = World.Order(order);
        Assert.Equal(20_000m, kept.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount).Value);
        Assert.Equal(name, kept.GetAttributeValue<string>(SalesOrder.Fields.Name));
        Assert.Null(kept.GetAttributeValue<Money>(SalesOrder.Fields.FreightAmount));
        Assert.Equal((int)CreditStatus.Approved, kept.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(20_000m, World.OpenOrders(CreditTestIds.Customer));
    }

    /// <summary>A change set that renames the order and lowers its amount below its lines: refused whole.</summary>
    private async Task<string> BatchAsync(HttpClient client, Guid order)
    {
        var root = People.ServiceRoot.AbsoluteUri;
        var body = new StringBuilder()
            .Append("--batch_s12\r\nContent-Type: multipart/mixed; boundary=changeset_s12\r\n\r\n")
            .Append("--changeset_s12\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n")
            .Append($"PATCH {root}salesorders({order:D}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{{\"name\":\"Renamed in the batch\"}}\r\n")
            .Append("--changeset_s12\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n")
            .Append($"PATCH {root}salesorders({order:D}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{{\"totalamount\":500}}\r\n")
            .Append("--changeset_s12--\r\n--batch_s12--\r\n")
            .ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("$batch", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_s12");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
