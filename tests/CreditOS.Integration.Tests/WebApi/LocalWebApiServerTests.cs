using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>The local Dataverse over HTTP, driven by the worker's own Web API client and by raw HTTP.</summary>
public sealed class LocalWebApiServerTests : IAsyncLifetime
{
    private LocalDataverseOverHttp _local = null!;
    private WorkerUnderTest _worker = null!;
    private Guid _account;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync();
        _account = _local.AddAccount("C-1001");
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _local.DisposeAsync();
    }

    private DataverseWebApiClient Client => _worker.Services.GetRequiredService<DataverseWebApiClient>();

    private BatchOperation Payment(string erpId, decimal amount) => BatchOperation.Upsert(
        ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text(erpId))),
        new JsonObject
        {
            ["cos_amount"] = amount,
            ["cos_paymentdate"] = "2026-11-20",
            ["cos_AccountId@odata.bind"] = $"/accounts({_account:D})",
            ["TransactionCurrencyId@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})",
        });

    [Fact]
    public async Task UpsertByAlternateKey_CreatesThenUpdatesTheSameRow()
    {
        var first = await Client.ExecuteBatchAsync([Payment("4711", 100m)], CancellationToken.None);
        var second = await Client.ExecuteBatchAsync([Payment("4711", 120m)], CancellationToken.None);

        Assert.Equal([204, 204], new[] { first[0].StatusCode, second[0].StatusCode });
        var row = Assert.Single(_local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_amount", "cos_accountid", "cos_erpid"));
        Assert.Equal(120m, row.GetAttributeValue<Money>("cos_amount").Value);
        Assert.Equal(_account, row.GetAttributeValue<EntityReference>("cos_accountid").Id);
    }

    [Fact]
    public async Task GetByAlternateKey_ReturnsLookupsAsValueProperties()
    {
        await Client.ExecuteBatchAsync([Payment("1", 10m)], CancellationToken.None);

        var row = await Client.GetAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')?$select=cos_amount,_cos_accountid_value", CancellationToken.None);

        Assert.Equal(10m, row["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(_account, row["_cos_accountid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Batch_ContinueOnError_CommitsGoodChangeSetsAndReportsTheBadOne()
    {
        var bad = BatchOperation.Upsert(ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text("bad"))), new JsonObject { ["cos_nosuchcolumn"] = 1 });

        var results = await Client.ExecuteBatchAsync([Payment("a", 1m), bad, Payment("b", 2m)], CancellationToken.None);

        Assert.Equal([204, 400, 204], results.Select(result => result.StatusCode));
        Assert.Equal("0x0", results[1].ErrorCode); // "Invalid property … was found in entity" (Troubleshoot Dataverse Web API client errors)
        Assert.Contains("cos_nosuchcolumn", results[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    [Fact]
    public async Task PluginRejection_ReachesTheClientAsTheErrorBodyMessage()
    {
        var order = BatchOperation.CreateOnly("salesorders(cos_channel=412500001,cos_channelorderref='W-9')", Order(50_000m), "salesorderid,cos_creditstatus");

        var result = (await Client.ExecuteBatchAsync([order], CancellationToken.None)).Single();

        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith("0x", result.ErrorCode, StringComparison.Ordinal);
        Assert.Equal(OrderCheckStandInPlugin.RejectMessage, result.ErrorMessage);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.SalesOrderTable));
    }

    [Fact]
    public async Task CreateOnly_ReturnsRepresentationWithPluginOutcome_ThenPreconditionFailedForTheSameKey()
    {
        var order = BatchOperation.CreateOnly("salesorders(cos_channel=412500001,cos_channelorderref='W-1')", Order(2_000m), "salesorderid,cos_creditstatus,cos_holdreason");

        var first = (await Client.ExecuteBatchAsync([order], CancellationToken.None)).Single();
        var second = (await Client.ExecuteBatchAsync([order], CancellationToken.None)).Single();

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(DataverseSchema.SalesOrder.CreditStatusOnHold, first.Body!["cos_creditstatus"]!.GetValue<int>());
        Assert.Equal(OrderCheckStandInPlugin.HoldReason, first.Body["cos_holdreason"]!.GetValue<string>());
        Assert.Equal(412, second.StatusCode);
        Assert.Equal(1, _local.Dataverse.Count(LocalDataverseOverHttp.SalesOrderTable));
    }

    [Fact]
    public async Task FilterAndSelect_FindAccountsByNumber_AndPagesFollowNextLink()
    {
        foreach (var number in Enumerable.Range(1, 7).Select(i => $"P-{i}"))
        {
            _local.AddAccount(number);
        }

        var found = await Client.GetAsync("accounts?$select=accountid,accountnumber&$filter=accountnumber eq 'P-2' or accountnumber eq 'P-5' or accountnumber eq 'nobody'", CancellationToken.None);
        var pages = new List<int>();
        await foreach (var page in Client.GetPagesAsync("accounts?$select=accountid", 3, CancellationToken.None))
        {
            pages.Add(page.Count);
        }

        Assert.Equal(["P-2", "P-5"], found["value"]!.AsArray().Select(row => row!["accountnumber"]!.GetValue<string>()).Order());
        Assert.Equal([3, 3, 2], pages);
    }

    /// <summary>Web API round 10 (session 18): a page size Dataverse would ignore (over 5,000) or refuse (0) is refused before sending.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5_001)]
    public async Task GetPages_WithAPageSizeOutsideOneToFiveThousand_IsRefusedBeforeAnythingIsSent(int pageSize)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var page in Client.GetPagesAsync("accounts?$select=accountid", pageSize, CancellationToken.None))
            {
                Assert.Fail($"A page of {page.Count} rows was read.");
            }
        });
    }

    [Fact]
    public async Task ErrorBody_HasODataShape()
    {
        using var http = _local.AuthenticatedHttp();

        using var response = await http.GetAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='missing')");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // RecordNotFoundByEntityKey: no row holds the alternate key's values (reference/web-service-error-codes; Web API round 9).
        Assert.Equal("0x80060891", body["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
    }

    private JsonObject Order(decimal total) => new()
    {
        ["name"] = "order",
        ["totalamount"] = total,
        ["customerid_account@odata.bind"] = $"/accounts({_account:D})",
        ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})",
    };
}

/// <summary>The three documented per-user limits, answered with 429 and Retry-After.</summary>
public sealed class ServiceProtectionTests
{
    [Fact]
    public async Task RequestsOverTheWindowLimit_Get429WithRetryAfterAndTheRequestsCode()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync(options => options.ServiceProtection = new ServiceProtectionOptions { RequestsPerWindow = 3 });
        using var http = local.AuthenticatedHttp();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var response = await http.GetAsync("WhoAmI");
            statuses.Add(response.StatusCode);
            refused = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(250), "Retry-After should point at the end of the 5-minute window");
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("0x80072322", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecutionTimeOverTheWindowLimit_Gets429WithTheExecutionTimeCode()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync(options => options.ServiceProtection = new ServiceProtectionOptions { ExecutionTimePerWindow = TimeSpan.FromTicks(1) });
        using var http = local.AuthenticatedHttp();

        using var first = await http.GetAsync("WhoAmI");
        using var second = await http.GetAsync("WhoAmI");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal("0x80072321", JsonNode.Parse(await second.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void ConcurrentRequestsOverTheLimit_AreRefusedWithTheConcurrencyCode()
    {
        var limiter = new ServiceProtectionLimiter(new ServiceProtectionOptions { MaxConcurrentRequests = 2 }, TimeProvider.System);
        var user = Guid.NewGuid();

        using var first = limiter.TryAcquire(user, out _);
        using var second = limiter.TryAcquire(user, out _);
        var third = limiter.TryAcquire(user, out var refusal);
        first!.Dispose();
        using var afterRelease = limiter.TryAcquire(user, out _);

        Assert.Null(third);
        Assert.Equal(ServiceProtectionLimiter.ConcurrencyExceeded, refusal!.ErrorCode);
        Assert.NotNull(afterRelease);
    }

    [Fact]
    public async Task WorkerClient_HonoursTheLimitersRetryAfter()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var local = await LocalDataverseOverHttp.StartAsync(options =>
        {
            options.Clock = clock;
            options.ServiceProtection = new ServiceProtectionOptions { RequestsPerWindow = 1, Window = TimeSpan.FromSeconds(1) };
        });
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(local.Server.BaseUri));
        var client = worker.Services.GetRequiredService<DataverseWebApiClient>();
        await client.WhoAmIAsync(CancellationToken.None);

        // The second call is refused until the window has moved on; the client waits Retry-After and tries again.
        var second = client.WhoAmIAsync(CancellationToken.None);
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(local.WorkerUserId, await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
