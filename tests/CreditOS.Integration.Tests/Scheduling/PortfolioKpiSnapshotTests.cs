extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AlertRow = plugins::CreditOS.Dataverse.Model.CreditAlert;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// The daily KPI snapshot the scheduled batch writes, through the strict Web API as the worker's application user
/// (creditOS Integration role and Integration Readers profile): every figure worked out by hand from a small portfolio.
/// </summary>
public sealed class PortfolioKpiSnapshotTests : IAsyncLifetime
{
    private const int KeyAccount = 412500000;
    private const int MidMarket = 412500001;
    private LocalDataverseOverHttp _local = null!;
    private DateTime _now;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        _now = DateTime.UtcNow;
        var today = _now.Date;
        // A: key account at 60%; B: mid-market at 96%, on starter terms; C: key account without a limit, on starter terms.
        var a = Customer("K-1", KeyAccount, 100_000m, 60_000m, starter: false);
        var b = Customer("M-1", MidMarket, 50_000m, 48_000m, starter: true);
        var c = Customer("K-2", KeyAccount, 0m, 0m, starter: true);
        Invoice(a, "A-1", invoiced: today.AddDays(-25), due: today.AddDays(5), amount: 10_000m, open: 10_000m);
        Invoice(a, "A-2", invoiced: today.AddDays(-70), due: today.AddDays(-40), amount: 5_000m, open: 2_000m);
        Invoice(b, "B-1", invoiced: today.AddDays(-130), due: today.AddDays(-100), amount: 3_000m, open: 3_000m);
        Order(a, 412500001);
        Order(a, 412500005);
        Order(a, 412500003);
        Order(b, 412500005);
        Order(c, 412500000);
        Order(c, 412500007);
        ApprovalRequest(a, "waiting", requestedOn: _now.AddHours(-2), status: 412500000, decidedOn: null);
        ApprovalRequest(b, "escalated", requestedOn: _now.AddDays(-5), status: 412500004, decidedOn: null);
        ApprovalRequest(a, "approved", requestedOn: _now.AddDays(-3), status: 412500001, decidedOn: _now.AddDays(-3).AddHours(6));
        Alert(a, "open 1", acknowledged: false);
        Alert(b, "open 2", acknowledged: false);
        Alert(b, "seen", acknowledged: true);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task Snapshot_WritesTheDaysKpis_FromAccountsReceivablesOrdersApprovalsAndAlerts()
    {
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
        using var scope = worker.Services.CreateScope();

        await scope.ServiceProvider.GetRequiredService<PortfolioKpiSnapshotWriter>().WriteAsync(CancellationToken.None);

        var row = Assert.Single(_local.Rows("cos_portfoliokpi", "cos_snapshotdate", "cos_accountcount", "cos_totallimit", "cos_totalexposure", "cos_utilization",
            "cos_utilizationkeyaccount", "cos_utilizationmidmarket", "cos_utilizationdistributor", "cos_accounts50to80", "cos_accountsover95", "cos_orderschecked", "cos_ordersrejected", "cos_ordersawaitingprepayment",
            "cos_rejectionrate", "cos_rejectionratekeyaccount", "cos_rejectionratemidmarket", "cos_dsodays", "cos_dsomethod", "cos_agingcurrent", "cos_aging31to60", "cos_agingover90",
            "cos_startertermsshare", "cos_financequeuesize", "cos_approvalswaitingunder1day", "cos_approvalswaitingover3days", "cos_approvalturnaroundhours", "cos_openalerts", "createdby"));
        Assert.Equal(_now.Date, row.GetAttributeValue<DateTime>("cos_snapshotdate").Date);
        Assert.Equal(_local.WorkerUserId, row.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(3, row.GetAttributeValue<int>("cos_accountcount"));
        Assert.Equal((150_000m, 108_000m), (row.GetAttributeValue<decimal>("cos_totallimit"), row.GetAttributeValue<decimal>("cos_totalexposure")));
        Assert.Equal(72m, row.GetAttributeValue<decimal>("cos_utilization"));
        Assert.Equal((60m, 96m), (row.GetAttributeValue<decimal>("cos_utilizationkeyaccount"), row.GetAttributeValue<decimal>("cos_utilizationmidmarket")));
        Assert.False(row.Contains("cos_utilizationdistributor"));
        Assert.Equal((1, 1), (row.GetAttributeValue<int>("cos_accounts50to80"), row.GetAttributeValue<int>("cos_accountsover95")));
        // C's order awaiting prepayment is checked, neither rejected nor in the Finance queue: counted apart.
        Assert.Equal((5, 2, 40m), (row.GetAttributeValue<int>("cos_orderschecked"), row.GetAttributeValue<int>("cos_ordersrejected"), row.GetAttributeValue<decimal>("cos_rejectionrate")));
        Assert.Equal(1, row.GetAttributeValue<int>("cos_ordersawaitingprepayment"));
        Assert.Equal((25m, 100m), (row.GetAttributeValue<decimal>("cos_rejectionratekeyaccount"), row.GetAttributeValue<decimal>("cos_rejectionratemidmarket")));
        // 15,000 open over 15,000 invoiced in the last 90 days (B-1 was invoiced before the period) x 90 days.
        Assert.Equal(90m, row.GetAttributeValue<decimal>("cos_dsodays"));
        Assert.StartsWith("Period method", row.GetAttributeValue<string>("cos_dsomethod"), StringComparison.Ordinal);
        Assert.Equal((10_000m, 2_000m, 3_000m), (row.GetAttributeValue<decimal>("cos_agingcurrent"), row.GetAttributeValue<decimal>("cos_aging31to60"), row.GetAttributeValue<decimal>("cos_agingover90")));
        Assert.Equal(66.67m, row.GetAttributeValue<decimal>("cos_startertermsshare"));
        Assert.Equal((2, 1, 1), (row.GetAttributeValue<int>("cos_financequeuesize"), row.GetAttributeValue<int>("cos_approvalswaitingunder1day"), row.GetAttributeValue<int>("cos_approvalswaitingover3days")));
        Assert.Equal(6m, row.GetAttributeValue<decimal>("cos_approvalturnaroundhours"));
        Assert.Equal(2, row.GetAttributeValue<int>("cos_openalerts"));
    }

    [Fact]
    public async Task Snapshot_TakenTwiceTheSameDay_UpdatesTheDaysRow()
    {
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
        using var scope = worker.Services.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<PortfolioKpiSnapshotWriter>();
        await writer.WriteAsync(CancellationToken.None);
        Alert(Customer("D-1", MidMarket, 10m, 1m, starter: false), "later", acknowledged: false);

        await writer.WriteAsync(CancellationToken.None);

        var row = Assert.Single(_local.Rows("cos_portfoliokpi", "cos_openalerts", "cos_accountcount"));
        Assert.Equal((4, 3), (row.GetAttributeValue<int>("cos_accountcount"), row.GetAttributeValue<int>("cos_openalerts")));
    }

    private Guid Customer(string number, int group, decimal limit, decimal exposure, bool starter)
    {
        var id = _local.AddAccount(number);
        _local.Service.Update(new Entity(Account.EntityLogicalName, id)
        {
            [Account.Fields.CustomerGroup] = new OptionSetValue(group),
            [Account.Fields.CreditLimit] = new Money(limit),
            [Account.Fields.Exposure] = new Money(exposure),
            [Account.Fields.IsStarterTerms] = starter,
        });
        return id;
    }

    private void Invoice(Guid account, string number, DateTime invoiced, DateTime due, decimal amount, decimal open) =>
        _local.Service.Create(new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = number,
            [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [Receivable.Fields.InvoiceDate] = invoiced,
            [Receivable.Fields.DueDate] = due,
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.OpenAmount] = new Money(open),
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(LocalDataverseOverHttp.CurrencyTable, _local.Euro),
        });

    private void Order(Guid account, int creditStatus) =>
        _local.Service.Create(new Entity(LocalDataverseOverHttp.SalesOrderTable)
        {
            ["name"] = "Order",
            ["customerid"] = new EntityReference(Account.EntityLogicalName, account),
            ["transactioncurrencyid"] = new EntityReference(LocalDataverseOverHttp.CurrencyTable, _local.Euro),
            ["cos_creditstatus"] = new OptionSetValue(creditStatus),
        });

    private void ApprovalRequest(Guid account, string name, DateTime requestedOn, int status, DateTime? decidedOn) =>
        _local.Service.Create(new Entity(Request.EntityLogicalName)
        {
            [Request.Fields.Name] = name,
            [Request.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [Request.Fields.RequestType] = new OptionSetValue(412500000),
            [Request.Fields.RequestedOn] = requestedOn,
            [Request.Fields.ApprovalStatus] = new OptionSetValue(status),
            [Request.Fields.DecidedOn] = decidedOn,
        });

    private void Alert(Guid account, string name, bool acknowledged) =>
        _local.Service.Create(new Entity(AlertRow.EntityLogicalName)
        {
            [AlertRow.Fields.Name] = name,
            [AlertRow.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [AlertRow.Fields.AlertType] = new OptionSetValue(412500000),
            [AlertRow.Fields.RaisedOn] = _now,
            [AlertRow.Fields.CrossingKey] = name + account.ToString("N"),
            [AlertRow.Fields.IsAcknowledged] = acknowledged,
        });
}
