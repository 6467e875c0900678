extern alias plugins;

using System.Net;
using System.Net.Http.Headers;
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
/// Session 10's controls over the local Web API host, each person signed in with their own token: the account's
/// currency, a decision on a request whose order changed, and impersonation through the MSCRMCallerID header (Sam may
/// not act as Fiona or Ada; Ada, who may, acting as Sam meets Sam's guards). Every plugin of both assemblies and the
/// solution's processes, background work waiting for <c>RunPendingAsyncOperations</c>.
/// </summary>
public sealed class WebApiAccountCurrencyDecisionAndImpersonationControlTests : WebApiControlTestsBase
{
    public WebApiAccountCurrencyDecisionAndImpersonationControlTests()
        : base(CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork(), FixedIds.SalesRep, FixedIds.FinanceApprover, FixedIds.AdminUser)
    {
        World.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(World.Service);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotMoveTheCustomerIntoAnotherCurrency()
    {
        var answer = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})",
            new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Eur:D})" });

        AssertAnswer(answer, HttpStatusCode.BadRequest, "creditlimit 50,000.00");
        Assert.Equal(CreditTestIds.Usd, World.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id);
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotApproveTheRequestOfAnOrderSamRaisedOverTheWebApi()
    {
        var order = AnOrder().Of(25_000).Create(World.Context.As(FixedIds.SalesRep));
        World.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order));

        var raised = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, $"salesorders({order:D})", new JsonObject { ["totalamount"] = 200_000m });
        var approval = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Post,
            $"cos_creditapprovalrequests({request.Id:D})/Microsoft.Dynamics.CRM.cos_DecideCreditApproval",
            new JsonObject { ["Decision"] = "Approve", ["Comment"] = "25,000 is fine." });

        Assert.Equal(HttpStatusCode.NoContent, raised.Status);
        AssertAnswer(approval, HttpStatusCode.BadRequest, "its amount changed from 25,000.00 to 200,000.00");
        Assert.Equal((int)CreditStatus.Refused, World.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public async Task Sam_CannotActOnBehalfOfFinanceOrAnAdministrator_ThroughTheCallerIdHeader_AndAda_ActingAsSam_MeetsSamsGuards()
    {
        var raise = new JsonObject { ["creditlimit"] = 500_000m };
        var asFiona = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", raise, onBehalfOf: FixedIds.FinanceApprover);
        var asAda = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", raise, onBehalfOf: FixedIds.AdminUser);
        var whoAmI = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Get, "WhoAmI", null, onBehalfOf: FixedIds.FinanceApprover);
        var adaAsSam = await SendAsync(People[FixedIds.AdminUser], HttpMethod.Get, "WhoAmI", null, onBehalfOf: FixedIds.SalesRep);
        var adaAsSamRaises = await SendAsync(People[FixedIds.AdminUser], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", raise, onBehalfOf: FixedIds.SalesRep);
        var byObjectId = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Get, "WhoAmI", null, objectId: Guid.NewGuid());

        AssertAnswer(asFiona, HttpStatusCode.Forbidden, "privilege to act on behalf another user");
        Assert.Equal("0x8004a110", asFiona.Code);
        AssertAnswer(asAda, HttpStatusCode.Forbidden, "privilege to act on behalf another user");
        AssertAnswer(whoAmI, HttpStatusCode.Forbidden, "privilege to act on behalf another user");
        Assert.Equal(HttpStatusCode.OK, adaAsSam.Status);
        Assert.Equal(FixedIds.SalesRep, adaAsSam.Body?["UserId"]?.GetValue<Guid>());
        AssertAnswer(adaAsSamRaises, HttpStatusCode.BadRequest, "creditlimit is set only by the credit flow");
        AssertAnswer(byObjectId, HttpStatusCode.NotImplemented, "does not implement impersonation by the CallerObjectId header");
        Assert.Equal(50_000m, World.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    [Fact]
    public async Task Sam_InABatchChangeSet_CannotSlipTheCurrencyOrALimitInBesideAnOrdinaryChange_NorActAsAdaForTheBatch()
    {
        var account = $"accounts({CreditTestIds.Customer:D})";
        var changeSet = ChangeSet(
            ("1", "PATCH", account, new JsonObject { ["telephone1"] = "+1 425 555 0100" }),
            ("2", "PATCH", account, new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Eur:D})" }));
        var limit = ChangeSet(
            ("1", "PATCH", account, new JsonObject { ["telephone1"] = "+1 425 555 0100" }),
            ("2", "PATCH", account, new JsonObject { ["creditlimit"] = 500_000m }));

        var bySam = await PostBatchAsync(People[FixedIds.SalesRep], changeSet);
        var limitBySam = await PostBatchAsync(People[FixedIds.SalesRep], limit);
        var asAda = await PostBatchAsync(People[FixedIds.SalesRep], limit, onBehalfOf: FixedIds.AdminUser);

        Assert.Contains("HTTP/1.1 400", bySam, StringComparison.Ordinal);
        Assert.Contains("cannot be changed (from", bySam, StringComparison.Ordinal);
        Assert.Contains("creditlimit 50,000.00", bySam, StringComparison.Ordinal);
        Assert.Contains("creditlimit is set only by the credit flow", limitBySam, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 403", asAda, StringComparison.Ordinal);
        Assert.Contains("privilege to act on behalf another user", asAda, StringComparison.Ordinal);
        var kept = World.Account(CreditTestIds.Customer);
        Assert.Null(kept.GetAttributeValue<string>("telephone1"));
        Assert.Equal(CreditTestIds.Usd, kept.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id);
        Assert.Equal(50_000m, kept.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);
    }

    /// <summary>Session 24: the headers are modelled; only a System Administrator holds the privileges (see ByHandControlTests).</summary>
    [Fact]
    public async Task Sam_OverTheWebApi_CannotSkipTheGuardsWithTheBypassHeaders_AdasBypassSkipsThem()
    {
        var raise = new JsonObject { ["creditlimit"] = 500_000m };
        var account = $"accounts({CreditTestIds.Customer:D})";

        var plugins = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, account, raise, headers: ("MSCRM.BypassCustomPluginExecution", "true"));
        var logic = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, account, raise, headers: ("MSCRM.BypassBusinessLogicExecution", "CustomSync"));

        AssertAnswer(plugins, HttpStatusCode.Forbidden, "is missing prvBypassCustomPlugins privilege");
        AssertAnswer(logic, HttpStatusCode.Forbidden, "is missing prvBypassCustomBusinessLogic privilege");
        Assert.Equal(50_000m, World.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));

        var byAda = await SendAsync(People[FixedIds.AdminUser], HttpMethod.Patch, account, raise, headers: ("MSCRM.BypassCustomPluginExecution", "true"));
        Assert.Equal(HttpStatusCode.NoContent, byAda.Status);
        Assert.Equal(500_000m, World.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    private string ChangeSet(params (string ContentId, string Method, string Url, JsonObject Body)[] operations)
    {
        var body = new StringBuilder();
        body.Append("--batch_s10\r\nContent-Type: multipart/mixed; boundary=changeset_s10\r\n\r\n");
        foreach (var (contentId, method, url, json) in operations)
        {
            body.Append("--changeset_s10\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n")
                .Append("Content-ID: ").Append(contentId).Append("\r\n\r\n")
                .Append(method).Append(' ').Append(People.ServiceRoot.AbsoluteUri + url).Append(" HTTP/1.1\r\n")
                .Append("Content-Type: application/json; type=entry\r\n\r\n")
                .Append(json.ToJsonString()).Append("\r\n");
        }

        body.Append("--changeset_s10--\r\n--batch_s10--\r\n");
        return body.ToString();
    }

    private static async Task<string> PostBatchAsync(HttpClient client, string body, Guid? onBehalfOf = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("$batch", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_s10");
        if (onBehalfOf is { } user)
        {
            request.Headers.Add("MSCRMCallerID", user.ToString("D"));
        }

        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return World.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
