extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// Dataverse refuses an aggregate over more than 50,000 rows (0x8004E023), and the local Dataverse does too. Since
/// session 20 a page reads its receivables as rows (no such limit), so the aggregates left are the orders and the
/// promises: two customers with 25,001 orders each cannot be rescored in one call, so the set-based rescorer splits
/// the call and scores each customer alone. (Before session 20 this was two customers with 25,001 invoices each; such a
/// page is now scored in one call, <c>HistoryLedgerAgreementTests</c> proving it reads the same history.)
/// </summary>
public sealed class AggregateLimitSplitTests : IAsyncLifetime
{
    private const int OrdersEach = 25_001;
    private readonly List<Guid> _accounts = [];
    private LocalDataverseOverHttp _local = null!;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        for (var customer = 1; customer <= 2; customer++)
        {
            var account = _local.AddAccount($"L-{customer:D3}");
            _accounts.Add(account);
            for (var order = 0; order < OrdersEach; order++)
            {
                _local.Service.Create(new Entity(LocalDataverseOverHttp.SalesOrderTable)
                {
                    ["name"] = $"L{customer}-{order}",
                    ["customerid"] = new EntityReference(Account.EntityLogicalName, account),
                    ["transactioncurrencyid"] = new EntityReference(LocalDataverseOverHttp.CurrencyTable, _local.Euro),
                });
            }
        }

        CreditPlugins.Register(_local.Dataverse);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task ACallPastTheAggregateLimit_IsSplit_AndEveryAccountIsScored()
    {
        using (var http = _local.AuthenticatedHttp())
        {
            using var body = new StringContent($$"""{"AccountIds":["{{_accounts[0]:D}}","{{_accounts[1]:D}}"]}""", System.Text.Encoding.UTF8, "application/json");
            using var call = new HttpRequestMessage(HttpMethod.Post, new Uri("cos_RescoreAccountPage", UriKind.Relative)) { Content = body };
            call.Headers.Add("Prefer", "odata.include-annotations=\"Microsoft.PowerApps.CDS.ErrorDetails*\"");
            using var refused = await http.SendAsync(call);
            var error = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;

            // The plug-in refuses the page with InvalidPluginExecutionException(Failed, 0x8004E023, …): Dataverse answers 400 with
            // IsvAborted 0x80040265 and the plug-in's code as the SubErrorCode (compose-http-requests-handle-errors).
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("0x80040265", error["code"]!.GetValue<string>(), ignoreCase: true);
            Assert.Equal("-2147164125", error["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"]!.GetValue<string>());
            Assert.Contains("more than 50,000 rows", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var overrides = new Dictionary<string, string?> { ["Scheduling:BatchRescoreAccountsPerCall"] = "2", ["Scheduling:KpiSnapshotEnabled"] = "false" };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());

        await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None);

        var scored = _local.Rows(History.EntityLogicalName, History.Fields.AccountId).Select(row => row.GetAttributeValue<EntityReference>(History.Fields.AccountId).Id).Order().ToList();
        Assert.Equal(_accounts.Order(), scored);
    }
}
