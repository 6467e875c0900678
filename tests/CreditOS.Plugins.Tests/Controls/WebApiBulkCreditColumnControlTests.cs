extern alias plugins;

using System.Net;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 16 (session 23), probe: the bulk messages over the Web API (session 21 gave the local host UpdateMultiple
/// for the worker's nightly worklist rows; round 14 CreateMultiple and UpsertMultiple), as the integration worker (Ivy:
/// Write on every account and order, the only role whose job uses them) and as Sam the sales rep (Write on his own orders).
/// A customer on a 10,000.00 limit; Sam's 11,000.00 order On hold. Writing the limit, or the held order's credit status,
/// through <c>UpdateMultiple</c> or <c>CreateMultiple</c> meets the same credit-column guard as a PATCH: nothing changes.
/// Found holding (no change): the bulk actions run every Create/Update step per row.
/// </summary>
public sealed class WebApiBulkCreditColumnControlTests : WebApiControlTestsBase
{
    private static readonly Guid Ivy = new("a0000000-0000-4000-8000-0000000000b7");

    public WebApiBulkCreditColumnControlTests()
        : base(WithIvy(CreditWorld.WithAllPlugins()), FixedIds.SalesRep, Ivy)
    {
        AnAccount().WithLimit(10_000).Create(World.Service);
    }

    [Fact]
    public async Task TheWorkerAndSam_CannotWriteALimitOrReleaseAHeldOrder_ThroughTheBulkActions()
    {
        var held = AnOrder().Of(11_000m).Create(World.Context.As(FixedIds.SalesRep));
        Assert.Equal((int)CreditStatus.OnHold, World.CreditStatusOf(held));

        var limit = await SendAsync(People[Ivy], HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", Targets("account", new JsonObject
        {
            ["accountid"] = CreditTestIds.Customer.ToString("D"),
            ["creditlimit"] = 900_000m,
        }));
        var newCustomer = await SendAsync(People[Ivy], HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.CreateMultiple", Targets("account", new JsonObject
        {
            ["name"] = "Fresh Start Ltd",
            ["creditlimit"] = 900_000m,
            ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Usd:D})",
        }));
        var released = new List<WebApiAnswer>();
        foreach (var who in new[] { Ivy, FixedIds.SalesRep })
        {
            released.Add(await SendAsync(People[who], HttpMethod.Post, "salesorders/Microsoft.Dynamics.CRM.UpdateMultiple", Targets("salesorder", new JsonObject
            {
                ["salesorderid"] = held.ToString("D"),
                ["cos_creditstatus"] = (int)CreditStatus.Approved,
            })));
        }

        Assert.All(new[] { limit, newCustomer }.Concat(released), answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden }));
        AssertRefused(limit, "creditlimit is set only by the credit flow");
        Assert.Equal(10_000m, World.Account(CreditTestIds.Customer).GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);
        Assert.Equal((int)CreditStatus.OnHold, World.CreditStatusOf(held));
        Assert.DoesNotContain(World.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("name") }).Entities,
            row => row.GetAttributeValue<string>("name") == "Fresh Start Ltd");
    }

    private static CreditWorld WithIvy(CreditWorld world)
    {
        world.Context.AUser("Ivy Integration").WithId(Ivy).WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
        return world;
    }

    private static JsonObject Targets(string table, JsonObject row)
    {
        row["@odata.type"] = "Microsoft.Dynamics.CRM." + table;
        return new JsonObject { ["Targets"] = new JsonArray(row) };
    }
}
