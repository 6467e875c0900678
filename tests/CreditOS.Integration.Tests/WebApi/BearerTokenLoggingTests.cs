using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// The bearer token never reaches a log: every log entry the worker's Web API client writes at Trace (message,
/// structured state and scopes, from every category) is captured while it makes authenticated requests, retries
/// included, and none contains the token.
/// </summary>
public sealed class BearerTokenLoggingTests : IAsyncLifetime
{
    private const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-test-token.c2lnbmF0dXJl";
    private readonly ConcurrentQueue<string> _entries = new();
    private FakeDataverseEndpoint _endpoint = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeDataverseEndpoint.StartAsync(acceptedToken: Token);
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri), services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(_entries)));
            services.AddSingleton<IDataverseTokenProvider>(new FixedToken(Token));
        });
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task AuthenticatedRequestsAtTrace_NoLogEntryCarriesTheBearerToken()
    {
        _endpoint.FailNextBatches(System.Net.HttpStatusCode.ServiceUnavailable, 1);
        var client = _worker.Services.GetRequiredService<DataverseWebApiClient>();

        var results = await client.ExecuteBatchAsync(
            [BatchOperation.Upsert(ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text("1"))), new JsonObject { ["cos_amount"] = 10m })],
            CancellationToken.None);

        Assert.True(results.Single().Succeeded);
        var entries = _entries.ToList();
        Assert.Contains(entries, entry => entry.Contains("$batch", StringComparison.Ordinal)); // the requests were logged
        var leaks = entries.Where(entry => entry.Contains("secret-test-token", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {entries.Count} log entries carry the token, e.g.: {leaks.FirstOrDefault()}");
        Assert.DoesNotContain(entries, entry => entry.Contains("Bearer ey", StringComparison.Ordinal));
    }

    private sealed class FixedToken(string token) : IDataverseTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
