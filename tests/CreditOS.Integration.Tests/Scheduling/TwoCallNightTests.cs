extern alias plugins;

using System.Collections.Concurrent;
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
/// Session 25: the worker's two-call night (Scheduling:BatchRescoreTwoCalls) over the Web API as its application user. Two
/// identical environments: one runs the one-call page, the other the scoring call with sealed rows, the worker's CreateMultiple of
/// the history rows and UpdateMultiple of the accounts (opened by SealedPictureGuardPlugin), then the collections call. Every
/// account, receivable and score-history row must come out the same.
/// </summary>
public sealed class TwoCallNightTests : IAsyncLifetime
{
    private const int Customers = 12;
    private const string CreateMultiple = "/Microsoft.Dynamics.CRM.CreateMultiple";
    private const string UpdateMultiple = "/Microsoft.Dynamics.CRM.UpdateMultiple";

    /// <summary>
    /// Columns that say when and by whom a row was written, not what it holds: the two-call night writes accounts and creates
    /// history rows as the worker (the guard opens the picture in the worker's write), the one-call page as SYSTEM.
    /// </summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "versionnumber", "createdon", "modifiedon", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
    };

    private readonly ConcurrentQueue<string> _oneCallRequests = new();
    private readonly ConcurrentQueue<string> _twoCallRequests = new();
    private LocalDataverseOverHttp _oneCall = null!;
    private LocalDataverseOverHttp _twoCall = null!;

    public async Task InitializeAsync()
    {
        _oneCall = await StartSeededAsync(_oneCallRequests);
        _twoCall = await StartSeededAsync(_twoCallRequests);
    }

    public async Task DisposeAsync()
    {
        await _oneCall.DisposeAsync();
        await _twoCall.DisposeAsync();
    }

    [Fact]
    public async Task TwoCallNight_WritesSealedRowsInBulk_AndLeavesEveryRowAsTheOneCallNight()
    {
        await RunNightAsync(_oneCall, twoCalls: false);
        await RunNightAsync(_twoCall, twoCalls: true);

        Assert.Contains(_twoCallRequests, path => path.StartsWith("cos_creditscorehistorys" + CreateMultiple, StringComparison.Ordinal));
        Assert.Contains(_twoCallRequests, path => path.StartsWith("accounts" + UpdateMultiple, StringComparison.Ordinal));
        Assert.DoesNotContain(_oneCallRequests, path => path.EndsWith(CreateMultiple, StringComparison.Ordinal) || path.StartsWith("accounts" + UpdateMultiple, StringComparison.Ordinal));
        var expectedAccounts = Rows(_oneCall, Account.EntityLogicalName, Account.Fields.AccountNumber);
        Assert.Equal(Customers, expectedAccounts.Count(line => line.Contains("|" + Account.Fields.LastScoredOn + "=", StringComparison.Ordinal)));
        Assert.Equal(expectedAccounts, Rows(_twoCall, Account.EntityLogicalName, Account.Fields.AccountNumber));
        var expectedHistory = Rows(_oneCall, History.EntityLogicalName, History.Fields.AccountId);
        Assert.Equal(Customers, expectedHistory.Count(line => line.Contains("|" + History.Fields.AccountId + "=", StringComparison.Ordinal)));
        Assert.Equal(expectedHistory, Rows(_twoCall, History.EntityLogicalName, History.Fields.AccountId));
        var expectedReceivables = Rows(_oneCall, Receivable.EntityLogicalName, Receivable.Fields.ErpId);
        Assert.Contains(expectedReceivables, line => line.StartsWith("OPEN-", StringComparison.Ordinal) && line.Contains("|" + Receivable.Fields.NextAction + "=", StringComparison.Ordinal));
        Assert.Equal(expectedReceivables, Rows(_twoCall, Receivable.EntityLogicalName, Receivable.Fields.ErpId));
    }

    private static async Task RunNightAsync(LocalDataverseOverHttp local, bool twoCalls)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Scheduling:BatchRescorePageSize"] = "5",
            ["Scheduling:BatchRescoreAccountsPerCall"] = "3",
            ["Scheduling:BatchRescoreTwoCalls"] = twoCalls ? "true" : "false",
        };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());

        Assert.Equal(Customers, await worker.Services.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None));
    }

    /// <summary>An environment with the same customers, paid histories and open invoices as every other this test starts.</summary>
    private static async Task<LocalDataverseOverHttp> StartSeededAsync(ConcurrentQueue<string> requests)
    {
        var local = await LocalDataverseOverHttp.StartAsync(
            options => options.FaultInjector = request =>
            {
                requests.Enqueue(request.Path);
                return null;
            },
            withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(local.Service);
        var today = DateTime.UtcNow.Date;
        for (var customer = 1; customer <= Customers; customer++)
        {
            var account = local.AddAccount($"T-{customer:D3}");
            for (var invoice = 1; invoice <= customer % 4 + 1; invoice++)
            {
                var issued = today.AddDays(-40 - (invoice * 7));
                ErpInvoices.Add(local, account, $"INV-{customer:D3}-{invoice:D2}", issued, 1_000m * customer, open: 0m, settledOn: issued.AddDays(28 + invoice), daysLate: Math.Max(0, invoice - 2));
            }

            if (customer % 3 == 0)
            {
                // Overdue, so the collections work has a worklist row to write.
                ErpInvoices.Add(local, account, $"OPEN-{customer:D3}", today.AddDays(-45 - customer), 2_500m, open: 2_500m);
            }
        }

        CreditPlugins.Register(local.Dataverse);
        return local;
    }

    /// <summary>
    /// Every column of every row of a table as sorted "key|column=value" lines, the key the row's value of a column: ids become the
    /// referenced row's account number, code or name (the environments' ids differ), times become dates (the nights ran seconds apart).
    /// </summary>
    private static List<string> Rows(LocalDataverseOverHttp local, string table, string keyColumn)
    {
        var labels = new Dictionary<Guid, string>();
        return local.Rows(table, [])
            .Select(entity => local.Service.Retrieve(table, entity.Id, new ColumnSet(true)))
            .SelectMany(row =>
            {
                var key = Normalized(local, labels, row.Contains(keyColumn) ? row[keyColumn] : null);
                return row.Attributes
                    .Where(a => !Bookkeeping.Contains(a.Key) && a.Key != table + "id")
                    .Select(a => key + "|" + a.Key + "=" + Normalized(local, labels, a.Value));
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? Normalized(LocalDataverseOverHttp local, Dictionary<Guid, string> labels, object? value) => value switch
    {
        Money money => money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionSetValue option => option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime time => time.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        EntityReference reference => reference.LogicalName + ":" + Label(local, labels, reference),
        Guid id => labels.TryGetValue(id, out var label) ? label : "id",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    /// <summary>What a referenced row is in either environment: its account number, code, ISO code or name.</summary>
    private static string Label(LocalDataverseOverHttp local, Dictionary<Guid, string> labels, EntityReference reference)
    {
        if (!labels.TryGetValue(reference.Id, out var label))
        {
            var row = local.Service.Retrieve(reference.LogicalName, reference.Id, new ColumnSet(true));
            label = new[] { Account.Fields.AccountNumber, "cos_code", "isocurrencycode", "cos_name", "name", "fullname" }
                .Select(column => row.GetAttributeValue<object>(column)?.ToString())
                .FirstOrDefault(text => !string.IsNullOrEmpty(text)) ?? "row";
            labels[reference.Id] = label;
        }

        return label;
    }
}
