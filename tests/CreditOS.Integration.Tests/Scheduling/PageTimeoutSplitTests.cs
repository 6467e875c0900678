extern alias plugins;

using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// Session 29: the worker's default is 1,000 accounts a page call, and a call that runs out of time is sent again in two halves,
/// down to what fits, as a call past the aggregate limit is. Dataverse's own limit (2 minutes a message operation) throws a
/// TimeoutException and rolls the whole call back; the local Dataverse has no such limit, so the test's Web API answers every
/// scoring call of more than <see cref="MostThatFit"/> accounts as the platform's timeout would, having run nothing.
/// </summary>
public sealed class PageTimeoutSplitTests : IAsyncLifetime
{
    private const int Customers = 8;
    private const int MostThatFit = 2;
    private readonly List<Guid> _accounts = [];
    private readonly ConcurrentBag<int> _timedOut = [];
    private LocalDataverseOverHttp _local = null!;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = TimeOutLargeScoringCalls, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        var today = DateTime.UtcNow.Date;
        for (var customer = 1; customer <= Customers; customer++)
        {
            var account = _local.AddAccount($"T-{customer:D3}");
            _accounts.Add(account);
            ErpInvoices.Add(_local, account, $"TO-{customer:D3}", today.AddDays(-60), 1_000m * customer, open: 0m, settledOn: today.AddDays(-25));
        }

        CreditPlugins.Register(_local.Dataverse);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task AScoringCallThatRunsOutOfTime_IsSentAgainInHalves_AndEveryAccountIsScored()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Scheduling:KpiSnapshotEnabled"] = "false",
            ["Dataverse:RetryBaseDelay"] = "00:00:00.010",
        };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());

        await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None);

        // The default call of 1,000 took the whole book (8 accounts), ran out of time, and so did its halves of 4.
        Assert.Contains(Customers, _timedOut);
        Assert.Contains(Customers / 2, _timedOut);
        Assert.DoesNotContain(_timedOut, size => size <= MostThatFit);
        var scored = _local.Rows(History.EntityLogicalName, History.Fields.AccountId).Select(row => row.GetAttributeValue<EntityReference>(History.Fields.AccountId).Id).Distinct().Order().ToList();
        Assert.Equal(_accounts.Order(), scored);
    }

    /// <summary>The platform's timeout for a scoring call of more accounts than fit: a failed operation, nothing run.</summary>
    private WebApiResult? TimeOutLargeScoringCalls(WebApiRequest request)
    {
        if (!request.Path.EndsWith("cos_RescoreAccountPage", StringComparison.Ordinal) || request.Body is not { } body || !body.Contains("\"ReturnSealedRows\":true", StringComparison.Ordinal))
        {
            return null;
        }

        var accounts = Regex.Matches(body, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Count;
        if (accounts <= MostThatFit)
        {
            return null;
        }

        _timedOut.Add(accounts);
        return WebApiResult.Error(500, unchecked((int)0x80040265), "System.TimeoutException: the operation of " + accounts + " accounts timed out after 2 minutes (injected: Dataverse's limit, the whole operation rolled back).");
    }
}
