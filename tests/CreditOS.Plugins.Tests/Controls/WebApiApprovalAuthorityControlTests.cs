extern alias plugins;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 11's controls over the local Web API host, each person signed in with their own token: the approval
/// authority matrix and the temporary limit's cap hold on cos_DecideCreditApproval as on the organization service, and
/// Fiona cannot raise her own authority through the table's entity set. Every plugin of both assemblies and the
/// solution's processes.
/// </summary>
public sealed class WebApiApprovalAuthorityControlTests : WebApiControlTestsBase
{
    public WebApiApprovalAuthorityControlTests()
        : base(CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork(), FixedIds.SalesRep, FixedIds.FinanceApprover)
    {
        World.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(World.Service);
        World.Service.Update(new Entity("cos_approvalauthority", DefaultAuthorityRow()) { ["cos_maximumamount"] = 40_000m });
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotReleaseBeyondHerAuthority_NorGrantMoreTemporaryLimitThanAsked_NorRaiseHerAuthority()
    {
        var order = AnOrder().Of(25_000).Create(World.Context.As(FixedIds.SalesRep));
        World.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(World.Service.RetrieveMultiple(RequestsFor(order)).Entities).Id;
        var decide = $"cos_creditapprovalrequests({request:D})/Microsoft.Dynamics.CRM.cos_DecideCreditApproval";

        var release = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Post, decide, new JsonObject { ["Decision"] = "Approve", ["Comment"] = "Seasonal peak." });
        var temporary = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Post, decide, new JsonObject
        {
            ["Decision"] = "Approve",
            ["Comment"] = "Seasonal peak.",
            ["TemporaryLimit"] = 90_000m,
            ["TemporaryLimitExpiresOn"] = FixedIds.Now.UtcDateTime.AddDays(30),
        });
        var raise = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Patch, $"cos_approvalauthorities({DefaultAuthorityRow():D})", new JsonObject { ["cos_maximumamount"] = 10_000_000m });
        var own = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Post, "cos_approvalauthorities", new JsonObject
        {
            ["cos_name"] = "Fiona",
            ["cos_UserId@odata.bind"] = $"/systemusers({FixedIds.FinanceApprover:D})",
            ["cos_maximumamount"] = 10_000_000m,
        });

        AssertAnswer(release, HttpStatusCode.BadRequest, "needs an approval authority of at least 55,000.00; yours is 40,000.00");
        AssertAnswer(temporary, HttpStatusCode.BadRequest, "a temporary limit of 90,000.00 is more than the release asks for: at most 75,000.00");
        // The authority guard runs at pre-validation, before the privilege check (which would refuse her too: her role only reads the matrix).
        AssertAnswer(raise, HttpStatusCode.BadRequest, "You decide credit approvals, so you cannot create, change or delete approval authority");
        AssertAnswer(own, HttpStatusCode.BadRequest, "You decide credit approvals, so you cannot create, change or delete approval authority");
        Assert.Equal((int)CreditStatus.OnHold, World.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, World.AccountMoney(CreditTestIds.Customer, Account.Fields.TemporaryLimit));
        Assert.Equal(40_000m, World.Service.Retrieve("cos_approvalauthority", DefaultAuthorityRow(), new ColumnSet("cos_maximumamount")).GetAttributeValue<decimal>("cos_maximumamount"));
    }

    private Guid DefaultAuthorityRow()
    {
        var query = new QueryExpression("cos_approvalauthority") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_teamid", ConditionOperator.Null);
        query.Criteria.AddCondition("cos_userid", ConditionOperator.Null);
        return Assert.Single(World.Service.RetrieveMultiple(query).Entities).Id;
    }

    private static QueryExpression RequestsFor(Guid order)
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return query;
    }
}
