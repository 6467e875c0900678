using System.Net;
using System.Text.Json.Nodes;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>The worker's Web API client against a small in-process HTTP endpoint.</summary>
public sealed class WebApiClientTests : IAsyncLifetime
{
    private FakeDataverseEndpoint _endpoint = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeDataverseEndpoint.StartAsync();
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private DataverseWebApiClient Client => _worker.Services.GetRequiredService<DataverseWebApiClient>();

    private static BatchOperation Payment(string erpId, decimal amount) => BatchOperation.Upsert(
        ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text(erpId))),
        new JsonObject { ["cos_amount"] = amount, [DataverseSchema.BindProperty(DataverseSchema.Payment.AccountNavigation)] = "/accounts(00000000-0000-0000-0000-000000000001)" });

    [Fact]
    public async Task Batch_Throttled429_WaitsRetryAfterThenSucceeds()
    {
        _endpoint.FailNextBatches(HttpStatusCode.TooManyRequests, 1, retryAfterSeconds: 1);

        var results = await Client.ExecuteBatchAsync([Payment("1", 10m)], CancellationToken.None);

        Assert.True(results.Single().Succeeded);
        var batches = _endpoint.Requests.Where(request => request.Path == "$batch").ToList();
        Assert.Equal([429, 200], batches.Select(request => request.Status));
        Assert.True(batches[1].At - batches[0].At >= TimeSpan.FromSeconds(0.95), "the retry must wait for Retry-After");
    }

    [Fact]
    public async Task Batch_ServerErrors_AreRetriedWithBackoff()
    {
        _endpoint.FailNextBatches(HttpStatusCode.ServiceUnavailable, 2);

        var results = await Client.ExecuteBatchAsync([Payment("1", 10m), Payment("2", 20m)], CancellationToken.None);

        Assert.All(results, result => Assert.True(result.Succeeded));
        Assert.Equal([503, 503, 200], _endpoint.Requests.Where(request => request.Path == "$batch").Select(request => request.Status));
        Assert.Equal(2, _endpoint.Rows.Count);
    }

    [Fact]
    public async Task Batch_WithoutAnAnswer_IsNeverSentAgain_ItsOperationsAreLeftForRedelivery()
    {
        // The connection drops after the batch was sent: it may still be running, so a re-send would race it.
        _endpoint.AbortNextBatches(1);

        var results = await Client.ExecuteBatchAsync([Payment("1", 10m), Payment("2", 20m)], CancellationToken.None);

        Assert.All(results, result => Assert.True(result.OutcomeUnknown && result.ShouldAbandon && !result.IsTransient));
        Assert.Single(_endpoint.Requests, request => request.Path == "$batch");
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task Batch_OneOperationFailingTransiently_IsRetriedAlone()
    {
        var flaky = "cos_payments(cos_sourcesystem='SAP',cos_erpid='2')";
        _endpoint.FailOperation(flaky, times: 2);

        var results = await Client.ExecuteBatchAsync([Payment("1", 10m), Payment("2", 20m), Payment("3", 30m)], CancellationToken.None);

        Assert.All(results, result => Assert.True(result.Succeeded));
        Assert.All(_endpoint.WriteCounts.Values, count => Assert.Equal(1, count));
        Assert.Equal(3, _endpoint.BatchBodies.Count);
    }

    [Fact]
    public async Task Batch_CarriesOneChangeSetPerOperation_WithKeyedUrlsAndBinds()
    {
        await Client.ExecuteBatchAsync([Payment("A'1", 10m), Payment("B", 20m)], CancellationToken.None);

        var body = Assert.Single(_endpoint.BatchBodies);
        Assert.Equal(2, body.Split("Content-Type: multipart/mixed; boundary=changeset_").Length - 1);
        Assert.Contains("PATCH http://127.0.0.1:", body, StringComparison.Ordinal);
        Assert.Contains("/api/data/v9.2/cos_payments(cos_sourcesystem='SAP',cos_erpid='A%27%271') HTTP/1.1", body, StringComparison.Ordinal);
        Assert.Contains("\"cos_AccountId@odata.bind\":\"/accounts(00000000-0000-0000-0000-000000000001)\"", body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json; type=entry", body, StringComparison.Ordinal);
        Assert.True(_endpoint.Rows.ContainsKey("cos_payments(cos_sourcesystem='SAP',cos_erpid='A''1')"));
    }

    [Theory]
    [InlineData("cos_accountid@odata.bind", "/accounts(00000000-0000-0000-0000-000000000001)", "0x80048d19")] // Dataverse's code for an undeclared navigation property (web-api-client-errors)
    [InlineData("TransactionCurrencyId@odata.bind", "/accounts(00000000-0000-0000-0000-000000000001)", "0x80060888")]
    [InlineData("cos_paymentdate", "11/20/2026", "0x80048d19")] // a DateOnly column is an Edm.Date: the OData library cannot read the body, the payload error (web-api-client-errors; local Web API round 9)
    [InlineData("cos_nosuchcolumn", "1", "0x0")]                // an undeclared property: "Invalid property … was found in entity", code 0x0 (web-api-client-errors)
    public async Task TestEndpoint_RefusesWhatDataverseRefuses_ByTheSameMetadata(string property, string value, string code)
    {
        var body = new JsonObject { ["cos_amount"] = 1m, [property] = value };
        var operation = BatchOperation.Upsert(ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text("1"))), body);

        var result = (await Client.ExecuteBatchAsync([operation], CancellationToken.None)).Single();

        Assert.Equal((400, code), (result.StatusCode, result.ErrorCode));
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task Upsert_SameKeyTwice_LeavesOneRowWithTheLatestValues()
    {
        await Client.ExecuteBatchAsync([Payment("1", 10m)], CancellationToken.None);
        await Client.ExecuteBatchAsync([Payment("1", 10m)], CancellationToken.None);

        var row = Assert.Single(_endpoint.Rows);
        Assert.Equal(10m, row.Value["cos_amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task CreateOnly_ExistingKey_AnswersPreconditionFailed()
    {
        var order = BatchOperation.CreateOnly("salesorders(cos_channel=412500001,cos_channelorderref='W-1')", new JsonObject { ["name"] = "x" }, "salesorderid");

        var first = await Client.ExecuteBatchAsync([order], CancellationToken.None);
        var second = await Client.ExecuteBatchAsync([order], CancellationToken.None);

        Assert.Equal(201, first.Single().StatusCode);
        Assert.NotNull(first.Single().Body?["salesorderid"]);
        Assert.Equal(412, second.Single().StatusCode);
        Assert.False(second.Single().IsTransient);
    }

    [Fact]
    public async Task Get_ErrorBody_BecomesDataverseExceptionWithCodeAndMessage()
    {
        var error = await Assert.ThrowsAsync<DataverseException>(() => Client.GetAsync("nosuchset", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("0x80040217", error.ErrorCode);
        Assert.Contains("nosuchset", error.Message, StringComparison.Ordinal);
    }
}
