extern alias plugins;

using System.Net;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 7: approval requests and alerts copy the account's secured credit figures (risk level, tier, exposure,
/// available credit, overdue, utilization). The integration worker (Integration role, Global read on both tables for the
/// portfolio KPI snapshot, which needs only dates and statuses; its profile reads the account's limit, exposure and
/// starter terms only) read them all through the copies. Now the copies are secured and every person's profile reads
/// them: the worker gets them null (organization service) or absent (Web API), Fiona and Sam still read them, and the
/// worker still reads the dates and statuses it needs.
/// </summary>
public sealed class SecuredCreditCopiesControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const string Alert = "cos_creditalert";
    private static readonly string[] RequestCopies = ["cos_exposure", "cos_availablecredit", "cos_overdueamount", "cos_utilizationwithorder", "cos_risklevel", "cos_tiername"];
    private static readonly string[] AlertCopies = ["cos_utilization", "cos_exposure", "cos_overdueamount"];
    private const int HighRisk = 412500002;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();
    private readonly Guid worker;
    private readonly Guid request;
    private readonly Guid alert;

    public SecuredCreditCopiesControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).WithOverdue(5_000, 5_000, 20).Create(world.Service);
        world.Service.Update(new Entity("account", CreditTestIds.Customer) { ["cos_risklevel"] = new OptionSetValue(HighRisk) }); // as scoring writes it
        var order = AnOrder().Of(8_000m).Create(world.Context.As(FixedIds.SalesRep));
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        request = Assert.Single(world.Service.RetrieveMultiple(query).Entities).Id;
        alert = world.Service.Create(new Entity(Alert)
        {
            ["cos_name"] = "Utilization above 90%",
            ["cos_accountid"] = new EntityReference("account", CreditTestIds.Customer),
            ["cos_utilization"] = 96m,
            ["cos_exposure"] = new Money(48_000m),
            ["cos_overdueamount"] = new Money(5_000m),
            ["cos_raisedon"] = CreditTestIds.Today,
        });
        worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorker_ReadsNoCopiedCreditFigureOnRequestsOrAlerts_WhileFionaAndSamDo()
    {
        var all = new ColumnSet(RequestCopies.Concat(["cos_requestedon", "cos_approvalstatus"]).ToArray());
        var byWorker = world.Context.As(worker).Retrieve(Request, request, all);
        var recorded = world.Service.Retrieve(Request, request, all);
        var byFiona = world.Context.As(FixedIds.FinanceApprover).Retrieve(Request, request, all);
        var bySam = world.Context.As(FixedIds.SalesRep).Retrieve(Request, request, all);
        var listedByWorker = Assert.Single(world.Context.As(worker).RetrieveMultiple(new QueryExpression(Request) { ColumnSet = all }).Entities);
        var alertByWorker = world.Context.As(worker).Retrieve(Alert, alert, new ColumnSet(AlertCopies.Concat(["cos_raisedon"]).ToArray()));
        var alertByFiona = world.Context.As(FixedIds.FinanceApprover).Retrieve(Alert, alert, new ColumnSet(AlertCopies));

        Assert.All(RequestCopies, column => Assert.Null(byWorker.GetAttributeValue<object>(column)));
        Assert.All(RequestCopies, column => Assert.Null(listedByWorker.GetAttributeValue<object>(column)));
        Assert.All(AlertCopies, column => Assert.Null(alertByWorker.GetAttributeValue<object>(column)));
        Assert.NotNull(byWorker.GetAttributeValue<DateTime?>("cos_requestedon"));
        Assert.NotNull(byWorker.GetAttributeValue<OptionSetValue>("cos_approvalstatus"));
        Assert.NotNull(alertByWorker.GetAttributeValue<DateTime?>("cos_raisedon"));
        foreach (var reader in new[] { byFiona, bySam })
        {
            Assert.Equal(56_000m, reader.GetAttributeValue<Money>("cos_exposure").Value); // 45,000 open + 3,000 orders + the 8,000 order
            Assert.Equal(5_000m, reader.GetAttributeValue<Money>("cos_overdueamount").Value);
            Assert.Equal(HighRisk, reader.GetAttributeValue<OptionSetValue>("cos_risklevel")?.Value);
            // The tier's name is copied from the account's tier lookup (its name as the router reads it; none in this
            // local world): whatever the request holds, the people read it as recorded.
            Assert.Equal(recorded.GetAttributeValue<string>("cos_tiername"), reader.GetAttributeValue<string>("cos_tiername"));
            Assert.True(reader.GetAttributeValue<decimal>("cos_utilizationwithorder") > 100m);
        }

        Assert.Equal(96m, alertByFiona.GetAttributeValue<decimal>("cos_utilization"));
        Assert.Equal(48_000m, alertByFiona.GetAttributeValue<Money>("cos_exposure").Value);
    }

    [Fact]
    public async Task TheWorker_OverTheWebApi_GetsNoCopiedCreditFigure_WhileFionaDoes()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, worker, FixedIds.FinanceApprover);
        var select = string.Join(",", RequestCopies) + ",cos_requestedon,cos_approvalstatus";

        var byWorker = await SendAsync(people[worker], HttpMethod.Get, $"cos_creditapprovalrequests({request:D})?$select={select}", null);
        var byFiona = await SendAsync(people[FixedIds.FinanceApprover], HttpMethod.Get, $"cos_creditapprovalrequests({request:D})?$select={select}", null);
        var alertByWorker = await SendAsync(people[worker], HttpMethod.Get, $"cos_creditalerts({alert:D})?$select={string.Join(",", AlertCopies)},cos_raisedon", null);
        var snapshot = await SendAsync(people[worker], HttpMethod.Get, "cos_creditapprovalrequests?$select=cos_requestedon,cos_decidedon,cos_approvalstatus", null);

        Assert.Equal(HttpStatusCode.OK, byWorker.Status);
        Assert.All(RequestCopies, column => Assert.Null(byWorker.Body?[column]));
        Assert.NotNull(byWorker.Body?["cos_requestedon"]);
        Assert.All(AlertCopies, column => Assert.Null(alertByWorker.Body?[column]));
        Assert.NotNull(alertByWorker.Body?["cos_raisedon"]);
        Assert.Equal(56_000m, byFiona.Body?["cos_exposure"]?.GetValue<decimal>());
        Assert.Equal(HighRisk, byFiona.Body?["cos_risklevel"]?.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, snapshot.Status);
        Assert.Single(snapshot.Body!["value"]!.AsArray());
    }
}
