extern alias plugins;

using System.Collections.Concurrent;
using CreditOS.Integration.Tests.Bureau;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Bureau;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.LocalBureau;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using MonitorStatus = plugins::CreditOS.Dataverse.Model.BureauMonitorStatus;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// Every Web API request the worker sends, recorded at the local Web API (each $batch part too) while it handles each queue's
/// format, writes the portfolio snapshot, rescores the customer base account by account and runs the bureau monitoring job,
/// is checked against what real Dataverse requires (<see cref="WebApiRequestRules"/>): exact navigation property names and
/// bind targets, keyed upserts, updates by id only with If-Match: * (without it a PATCH by id recreates a deleted row), $select on
/// every read, page sizes within 5,000. The local Web API itself refuses what Dataverse refuses; these rules catch what it
/// accepts because Dataverse accepts it too, but with another meaning.
/// </summary>
public sealed class WorkerRequestRulesTests : IAsyncLifetime
{
    private const string Customer = "C-1";
    private readonly ConcurrentQueue<WebApiRequest> _sent = new();
    private LocalDataverseOverHttp _local = null!;
    private LocalBureauServer _bureau = null!;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = request =>
        {
            _sent.Enqueue(request);
            return null;
        }, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        CreditPlugins.Register(_local.Dataverse);
        _bureau = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        await _bureau.DisposeAsync();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task EveryRequestTheWorkerSends_IsOneRealDataverseAcceptsWithTheMeaningIntended()
    {
        _local.AddAccount(Customer);
        var monitored = QueuedForMonitoring("HRB100003");
        var settings = new Dictionary<string, string?>(BureauMonitoringJobTests.BureauSettings(_bureau)) { ["Scheduling:BatchRescoreSetBased"] = "false" };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, settings), services => services.AddSingleton<BatchRescoreJob>());

        await worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem("9200000001", Customer, 1_000m, 1_000m), 10));
        await worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("9100000001", Customer, 100m, invoice: "1000-2026-9200000001")));
        await worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("9100000002", Customer, 50m, invoice: "1000-2026-9299999999")));
        await worker.HandleAsync(QueueKind.BureauReports, Payloads.Inbound("bureau.report", Payloads.BureauReport("R-1", Customer)));
        await worker.HandleAsync(QueueKind.OrderIntake, Payloads.Inbound("webshop.order", Payloads.WebShopOrder("W-1", Customer, 100m)));
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortfolioKpiSnapshotWriter>().WriteAsync(CancellationToken.None);
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<BureauMonitoringJob>().RunAsync(CancellationToken.None)).Enrolled);
        }

        await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None);

        var rules = new WebApiRequestRules(_local.Dataverse.Metadata, name => _local.Dataverse.FindCustomApi(name) is not null);
        var sent = _sent.ToList();
        var broken = sent.SelectMany(rules.Check).ToList();
        Assert.True(broken.Count == 0, $"{broken.Count} of the worker's {sent.Count} requests break Dataverse's rules:\n" + string.Join('\n', broken));
        // The flows above reached every kind of write the worker makes.
        var kinds = sent.Select(request => $"{request.Method} {Uri.UnescapeDataString(request.Path).Split('(')[0]}").ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "PATCH cos_receivables", "PATCH cos_payments", "PATCH cos_bureaureports", "PATCH salesorders", "PATCH cos_portfoliokpis", "PATCH accounts",
            "POST accounts", "GET accounts", "GET cos_receivables", "GET transactioncurrencies",
        }, kinds);
        Assert.Equal((int)MonitorStatus.Monitored, _local.Service.Retrieve(Account.EntityLogicalName, monitored, new Microsoft.Xrm.Sdk.Query.ColumnSet(Account.Fields.BureauMonitorStatus)).GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
    }

    [Fact]
    public void TheRules_CatchAnUpdateById_WithoutIfMatch_AWrongNavigationName_AndAReadWithoutSelect()
    {
        var rules = new WebApiRequestRules(_local.Dataverse.Metadata, _ => false);
        var id = Guid.NewGuid();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };

        var upsertById = rules.Check(new WebApiRequest("PATCH", $"accounts({id})", headers, "{\"cos_bureaumonitormessage\":\"x\"}"));
        var logicalNameBind = rules.Check(new WebApiRequest("POST", "cos_receivables", headers, $"{{\"cos_accountid@odata.bind\":\"/accounts({id})\"}}"));
        var wrongTarget = rules.Check(new WebApiRequest("POST", "cos_receivables", headers, $"{{\"cos_AccountId@odata.bind\":\"/contacts({id})\"}}"));
        var everyColumn = rules.Check(new WebApiRequest("GET", "accounts?$filter=statecode eq 0", headers, null));
        var update = rules.Check(new WebApiRequest("PATCH", $"accounts({id})", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["If-Match"] = "*", ["Content-Type"] = "application/json" }, "{\"cos_bureaumonitormessage\":\"x\"}"));

        Assert.Contains("upsert", Assert.Single(upsertById), StringComparison.Ordinal);
        Assert.Contains("not a single-valued navigation property", Assert.Single(logicalNameBind), StringComparison.Ordinal);
        Assert.Contains("targets account", Assert.Single(wrongTarget), StringComparison.Ordinal);
        Assert.Contains("no $select", Assert.Single(everyColumn), StringComparison.Ordinal);
        Assert.Empty(update);
    }

    private Guid QueuedForMonitoring(string registrationNumber)
    {
        var id = _local.AddAccount("M-" + registrationNumber);
        _local.Service.Update(new Entity(Account.EntityLogicalName, id)
        {
            [Account.Fields.BureauMonitored] = true,
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Pending),
            [Account.Fields.CountryCode] = "DE",
            [Account.Fields.RegistrationNumber] = registrationNumber,
        });
        return id;
    }
}
