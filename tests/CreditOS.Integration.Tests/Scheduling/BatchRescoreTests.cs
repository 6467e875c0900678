extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// The scheduled batch rescore through the Web API: the job pages the accounts and the default rescorer invokes the
/// bound Custom API cos_RescoreAccount in $batch requests, so the real RescoreAccountPlugin scores each customer.
/// </summary>
public sealed class BatchRescoreTests : IAsyncLifetime
{
    private const int Customers = 12;
    private const int ScheduledTrigger = (int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.Scheduled;
    private readonly List<Guid> _accounts = [];
    private LocalDataverseOverHttp _local = null!;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        for (var customer = 1; customer <= Customers; customer++)
        {
            var account = _local.AddAccount($"B-{customer:D3}");
            _accounts.Add(account);
            AddPaidInvoices(account, customer, count: customer % 4 + 1);
        }

        // Registered after the histories are loaded, so no account has been scored before the batch runs.
        CreditPlugins.Register(_local.Dataverse);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunOnce_RescoresEveryAccount_WithFreshScoredOnAndAScheduledHistoryRow(bool setBased)
    {
        Assert.All(_accounts, id => Assert.Null(AccountRow(id).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn)));
        var overrides = new Dictionary<string, string?>
        {
            ["Scheduling:BatchRescorePageSize"] = "5",
            ["Scheduling:BatchRescoreAccountsPerCall"] = "2",
            ["Scheduling:BatchRescoreSetBased"] = setBased ? "true" : "false",
            ["Dataverse:BatchSize"] = "3",
        };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());
        var started = DateTime.UtcNow.AddSeconds(-1);

        var handed = await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(Customers, handed);
        Assert.All(_accounts, id =>
        {
            var scoredOn = AccountRow(id).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn);
            Assert.NotNull(scoredOn);
            Assert.True(scoredOn >= started, $"account {id} was last scored on {scoredOn:O}, before the run started at {started:O}");
        });
        var historyByAccount = HistoryRows().GroupBy(row => row.GetAttributeValue<EntityReference>(History.Fields.AccountId).Id).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(_accounts.Order(), historyByAccount.Keys.Order());
        Assert.All(historyByAccount.Values, count => Assert.Equal(1, count));
        Assert.All(HistoryRows(), row => Assert.Equal(ScheduledTrigger, row.GetAttributeValue<OptionSetValue>(History.Fields.Trigger).Value));
    }

    [Fact]
    public async Task BoundActionOverHttp_TakesTheTriggerAsAPicklistNumber_AndRefusesText()
    {
        using var http = _local.AuthenticatedHttp();
        using var text = new StringContent("""{"Trigger":"Scheduled"}""", System.Text.Encoding.UTF8, "application/json");

        using var refused = await http.PostAsync(new Uri($"accounts({_accounts[1]:D})/Microsoft.Dynamics.CRM.cos_RescoreAccount", UriKind.Relative), text);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains("'Trigger' must be of type OptionSetValue", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(AccountRow(_accounts[1]).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
    }

    [Theory]
    [InlineData("""{"Trigger":412500001,"Reason":"nightly"}""", "Reason")]
    [InlineData("""{"trigger":412500001}""", "trigger")]
    public async Task BoundActionOverHttp_RefusesAParameterTheCustomApiDoesNotDeclare(string json, string undeclared)
    {
        using var http = _local.AuthenticatedHttp();
        using var body = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var refused = await http.PostAsync(new Uri($"accounts({_accounts[2]:D})/Microsoft.Dynamics.CRM.cos_RescoreAccount", UriKind.Relative), body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("0x80060888", error["code"]!.GetValue<string>());
        Assert.Equal($"The parameter '{undeclared}' in the request payload is not a valid parameter for the operation 'cos_RescoreAccount'.", error["message"]!.GetValue<string>());
        Assert.Null(AccountRow(_accounts[2]).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
    }

    [Fact]
    public async Task BoundActionOverHttp_RunsThePlugin_AndReturnsItsResponseProperties()
    {
        using var http = _local.AuthenticatedHttp();
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri($"accounts({_accounts[0]:D})/Microsoft.Dynamics.CRM.cos_RescoreAccount", UriKind.Relative), body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(answer["Changed"]!.GetValue<bool>());
        // The worker's field security (Integration Readers) reads the limit, not the tier or scores: the answer says
        // only what the caller may read (controls round 8, RescoreCallers).
        Assert.NotNull(answer["CreditLimit"]);
        Assert.Null(answer["Tier"]);
        Assert.Null(answer["RiskScore"]);
        Assert.NotNull(AccountRow(_accounts[0]).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
    }

    [Fact]
    public async Task BoundActionOverHttp_UnknownRow_AnswersNotFoundWithTheODataErrorBody()
    {
        using var http = _local.AuthenticatedHttp();
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri($"accounts({Guid.NewGuid():D})/Microsoft.Dynamics.CRM.cos_RescoreAccount", UriKind.Relative), body);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.StartsWith("0x", error["code"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultRegistration_IsTheSetBasedRescorer_AndThePerAccountOneIsAnOption()
    {
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
        using var scope = worker.Services.CreateScope();
        await using var perAccount = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, new Dictionary<string, string?> { ["Scheduling:BatchRescoreSetBased"] = "false" }));
        using var perAccountScope = perAccount.Services.CreateScope();

        Assert.IsType<SetBasedCustomerBaseRescorer>(scope.ServiceProvider.GetRequiredService<ICustomerBaseRescorer>());
        Assert.IsType<WebApiCustomerBaseRescorer>(perAccountScope.ServiceProvider.GetRequiredService<ICustomerBaseRescorer>());
    }

    [Fact]
    public async Task SetBasedRunOnce_AGainWithNothingChanged_WritesNoAccountAndNoHistory()
    {
        var overrides = new Dictionary<string, string?> { ["Scheduling:BatchRescoreAccountsPerCall"] = "5" };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());
        var job = worker.Services.GetRequiredService<BatchRescoreJob>();
        await job.RunOnceAsync(CancellationToken.None);
        var scoredOn = _accounts.ToDictionary(id => id, id => AccountRow(id).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
        var historyRows = HistoryRows().Count;

        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(Customers, historyRows);
        Assert.Equal(historyRows, HistoryRows().Count);
        Assert.All(_accounts, id => Assert.Equal(scoredOn[id], AccountRow(id).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn)));
    }

    /// <summary>
    /// Session 21: the pages hand their changed worklist rows back and the worker writes them with UpdateMultiple over the Web API
    /// as its application user; the figures are the page's own (a page then writing for itself finds nothing to change), and
    /// the row version each was computed from is checked, not stored.
    /// </summary>
    [Fact]
    public async Task SetBasedRunOnce_WritesTheOpenInvoicesWorklistWithUpdateMultiple_AsThePageWouldWriteIt()
    {
        var open = _accounts.Take(5).Select((account, index) => AddOpenInvoice(account, 100 + index)).ToList();
        var overrides = new Dictionary<string, string?> { ["Scheduling:BatchRescoreAccountsPerCall"] = "3" };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());

        await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None);

        var rows = open.Select(id => _local.Service.Retrieve(Receivable.EntityLogicalName, id, new ColumnSet(true))).ToList();
        Assert.All(rows, row =>
        {
            Assert.NotNull(row.GetAttributeValue<decimal?>(Receivable.Fields.LatePaymentProbability));
            Assert.NotNull(row.GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction));
            Assert.NotNull(row.GetAttributeValue<string>(Receivable.Fields.CollectionReason));
            Assert.NotNull(row.GetAttributeValue<DateTime?>(Receivable.Fields.PredictedOn));
            Assert.False(row.Contains(Receivable.Fields.WorklistBasis));
        });

        // The page writing its own rows (no ReturnWorklistRows) on the same night finds every figure already written.
        _local.Service.Execute(new OrganizationRequest(plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi.UniqueName)
        {
            [plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi.Request.AccountIds] = _accounts.Select(id => id.ToString("D")).ToArray(),
            [plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi.Request.Trigger] = new OptionSetValue(ScheduledTrigger),
        });
        Assert.Equal(rows.Select(r => r.RowVersion), open.Select(id => _local.Service.Retrieve(Receivable.EntityLogicalName, id, new ColumnSet(Receivable.Fields.ReceivableId)).RowVersion));
    }

    private Guid AddOpenInvoice(Guid account, int number) =>
        ErpInvoices.Add(_local, account, $"OPEN-{number}", DateTime.UtcNow.Date.AddDays(-45), 2_500m, open: 2_500m);

    private Entity AccountRow(Guid id) => _local.Service.Retrieve(Account.EntityLogicalName, id, new ColumnSet(Account.Fields.LastScoredOn));

    private List<Entity> HistoryRows() => _local.Rows(History.EntityLogicalName, History.Fields.AccountId, History.Fields.Trigger).ToList();

    private void AddPaidInvoices(Guid account, int customer, int count)
    {
        var today = DateTime.UtcNow.Date;
        for (var invoice = 1; invoice <= count; invoice++)
        {
            var issued = today.AddDays(-40 - (invoice * 7));
            ErpInvoices.Add(_local, account, $"INV-{customer:D3}-{invoice:D2}", issued, 1_000m * customer, open: 0m, settledOn: issued.AddDays(28 + invoice), daysLate: Math.Max(0, invoice - 2));
        }
    }
}
