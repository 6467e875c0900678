using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// A small in-process HTTP endpoint speaking just enough of the Dataverse Web API to test the worker's client:
/// $batch with change sets, alternate-key upserts, account and currency queries, scripted 429s and 5xx. It is as
/// strict as the local Web API on what it stores: the bearer token is required, each operation's URL must address
/// a declared alternate key with values Dataverse can resolve, and each body is read by the local Web API's
/// EntityJson against the solution metadata (exact navigation property names, bind targets, Edm dates, columns).
/// </summary>
public sealed partial class FakeDataverseEndpoint : IAsyncDisposable
{
    public static readonly Guid Euro = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000978");
    public static readonly Guid Dollar = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000840");

    /// <summary>A currency kept without decimals (currencyprecision 0), as an environment may keep the yen.</summary>
    public static readonly Guid Yen = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000392");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfterSeconds)> _scriptedBatchFailures = new();
    private readonly ConcurrentDictionary<string, int> _operationFailuresLeft = new(StringComparer.Ordinal);
    private string _acceptedToken = LocalDataverseOverHttp.WorkerAccessToken;
    private readonly ConcurrentDictionary<string, (Guid Id, Guid Currency)> _accounts = new(StringComparer.OrdinalIgnoreCase);

    private int _batchesToAbort;

    private FakeDataverseEndpoint(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Rows by keyed URL (for example cos_payments(cos_sourcesystem='SAP',cos_erpid='1')).</summary>
    public ConcurrentDictionary<string, JsonObject> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>How many writes each keyed URL received.</summary>
    public ConcurrentDictionary<string, int> WriteCounts { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(DateTimeOffset At, string Method, string Path, int Status)> Requests { get; } = new();

    public ConcurrentQueue<string> BatchBodies { get; } = new();

    /// <summary>Simulates the order-entry plugin: returns a rejection message, or null and whether to hold.</summary>
    /// <summary>
    /// Stands in for the order-entry plugin: a RejectMessage refuses the save (as the platform answers bad input); Hold
    /// saves the order On hold and Refused saves it Refused (the credit check keeps a refused order), each with the Reason.
    /// </summary>
    public Func<JsonObject, (string? RejectMessage, bool Hold, bool Refused, string? Reason)> OrderRule { get; set; } = _ => (null, false, false, null);

    /// <summary>Starts the endpoint; it answers only requests carrying <paramref name="acceptedToken"/> (the worker's local token unless told).</summary>
    public static async Task<FakeDataverseEndpoint> StartAsync(string acceptedToken = LocalDataverseOverHttp.WorkerAccessToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var endpoint = new FakeDataverseEndpoint(app) { _acceptedToken = acceptedToken };
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        endpoint.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return endpoint;
    }

    public Uri ServiceRoot => new(BaseUri, "api/data/v9.2/");

    public Guid AddAccount(string accountNumber, Guid? currency = null)
    {
        var id = Guid.NewGuid();
        _accounts[accountNumber] = (id, currency ?? Euro);
        return id;
    }

    public void FailNextBatches(HttpStatusCode status, int count, int? retryAfterSeconds = null)
    {
        for (var index = 0; index < count; index++)
        {
            _scriptedBatchFailures.Enqueue((status, retryAfterSeconds));
        }
    }

    /// <summary>The next batches are read in full, then the connection is dropped without an answer.</summary>
    public void AbortNextBatches(int count) => Interlocked.Add(ref _batchesToAbort, count);

    /// <summary>The next attempts of the operation on this keyed URL fail with 503 inside the batch.</summary>
    public void FailOperation(string keyedUrl, int times) => _operationFailuresLeft[keyedUrl] = times;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _acceptedToken)
        {
            await WriteErrorAsync(context, 401, "0x8005f101", "The requested resource requires authentication.");
            Requests.Enqueue((DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path.Value ?? string.Empty, 401));
            return;
        }

        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? string.Empty).Replace("/api/data/v9.2/", string.Empty, StringComparison.Ordinal);
        var status = await DispatchAsync(context, path);
        Requests.Enqueue((DateTimeOffset.UtcNow, context.Request.Method, path, status));
    }

    private async Task<int> DispatchAsync(HttpContext context, string path)
    {
        if (path == "$batch" && context.Request.Method == HttpMethods.Post)
        {
            if (_scriptedBatchFailures.TryDequeue(out var failure))
            {
                if (failure.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteErrorAsync(context, (int)failure.Status, "0x80072322", "Scripted failure.");
                return (int)failure.Status;
            }

            if (Interlocked.Decrement(ref _batchesToAbort) >= 0)
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                BatchBodies.Enqueue(await reader.ReadToEndAsync());
                context.Abort();
                return 0;
            }

            Interlocked.Exchange(ref _batchesToAbort, 0);
            return await BatchAsync(context);
        }

        if (path == "WhoAmI")
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["UserId"] = Guid.Empty });
            return 200;
        }

        if (path == DataverseSchema.Currency.EntitySet)
        {
            var rows = new JsonArray(
                new JsonObject { [DataverseSchema.Currency.Id] = Euro, [DataverseSchema.Currency.IsoCode] = "EUR", [DataverseSchema.Currency.Precision] = 2 },
                new JsonObject { [DataverseSchema.Currency.Id] = Dollar, [DataverseSchema.Currency.IsoCode] = "USD", [DataverseSchema.Currency.Precision] = 2 },
                new JsonObject { [DataverseSchema.Currency.Id] = Yen, [DataverseSchema.Currency.IsoCode] = "JPY", [DataverseSchema.Currency.Precision] = 0 });
            await WriteJsonAsync(context, 200, new JsonObject { ["value"] = rows });
            return 200;
        }

        if (path == DataverseSchema.Account.EntitySet)
        {
            var filter = context.Request.Query["$filter"].ToString();
            var rows = new JsonArray();
            foreach (Match match in AccountNumberFilter().Matches(filter))
            {
                var number = match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
                if (_accounts.TryGetValue(number, out var account))
                {
                    rows.Add(new JsonObject
                    {
                        [DataverseSchema.Account.Id] = account.Id,
                        [DataverseSchema.Account.AccountNumber] = number,
                        [DataverseSchema.Account.CurrencyValue] = account.Currency,
                    });
                }
            }

            await WriteJsonAsync(context, 200, new JsonObject { ["value"] = rows });
            return 200;
        }

        if (context.Request.Method == HttpMethods.Get && Rows.TryGetValue(path, out var row))
        {
            await WriteJsonAsync(context, 200, row.DeepClone().AsObject());
            return 200;
        }

        await WriteErrorAsync(context, 404, "0x80040217", $"No route for {context.Request.Method} {path}.");
        return 404;
    }

    private async Task<int> BatchAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        BatchBodies.Enqueue(body);
        var boundary = MultipartMixed.BoundaryOf(context.Request.ContentType) ?? throw new InvalidOperationException("no batch boundary");
        var responseBoundary = "batchresponse_" + Guid.NewGuid().ToString("N");
        var response = new StringBuilder();
        foreach (var changeSet in MultipartMixed.Split(body, boundary))
        {
            foreach (var operation in MultipartMixed.Split(changeSet.Content, changeSet.Boundary!))
            {
                var (status, headers, json) = Apply(operation);
                response.Append("--").Append(responseBoundary).Append("\r\n");
                if (status < 300)
                {
                    var changeSetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("N");
                    response.Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append("\r\n\r\n")
                        .Append("--").Append(changeSetBoundary).Append("\r\n");
                    AppendHttp(response, operation.Header("Content-ID"), status, headers, json);
                    response.Append("--").Append(changeSetBoundary).Append("--\r\n");
                }
                else
                {
                    AppendHttp(response, operation.Header("Content-ID"), status, headers, json);
                }
            }
        }

        response.Append("--").Append(responseBoundary).Append("--\r\n");
        context.Response.StatusCode = 200;
        context.Response.ContentType = $"multipart/mixed; boundary={responseBoundary}";
        await context.Response.WriteAsync(response.ToString());
        return 200;
    }

    private (int Status, Dictionary<string, string> Headers, JsonObject? Body) Apply(MultipartPart operation)
    {
        var lines = operation.Content.Split('\n');
        var requestLine = lines[0].Trim().Split(' ');
        var (headers, content) = MultipartMixed.SplitHeaders(lines.Skip(1).ToList());
        if (requestLine.Length != 3 || requestLine[2] != "HTTP/1.1" || !requestLine[1].StartsWith(ServiceRoot.AbsoluteUri, StringComparison.Ordinal))
        {
            return (400, [], Error("0x80040203", $"Bad request line '{lines[0]}'."));
        }

        var keyedUrl = Uri.UnescapeDataString(requestLine[1][ServiceRoot.AbsoluteUri.Length..].Split('?')[0]);
        if (_operationFailuresLeft.TryGetValue(keyedUrl, out var left) && left > 0)
        {
            _operationFailuresLeft[keyedUrl] = left - 1;
            return (503, [], Error("0x80040216", "Scripted transient failure."));
        }

        var body = JsonNode.Parse(content)!.AsObject();
        if (SolutionShape.Check(keyedUrl, body) is { } refusal)
        {
            return (400, [], Error(refusal.Code, refusal.Message));
        }

        var lookups = SolutionShape.BoundLookups(keyedUrl, body);
        var createOnly = headers.TryGetValue("If-None-Match", out var match) && match == "*";
        if (createOnly && Rows.ContainsKey(keyedUrl))
        {
            return (412, [], Error("0x80040237", "A record with matching key values already exists."));
        }

        if (keyedUrl.StartsWith(DataverseSchema.SalesOrder.EntitySet, StringComparison.Ordinal))
        {
            var (reject, hold, refused, holdReason) = OrderRule(body);
            if (reject is not null)
            {
                return (400, [], Error("0x80040265", reject));
            }

            body[DataverseSchema.SalesOrder.Id] = Guid.NewGuid();
            body[DataverseSchema.SalesOrder.CreditStatus] = refused ? DataverseSchema.SalesOrder.CreditStatusRefused : hold ? DataverseSchema.SalesOrder.CreditStatusOnHold : 412_500_001;
            body[DataverseSchema.SalesOrder.HoldReason] = holdReason;
        }

        // Dataverse returns a bound lookup as _<lookup column>_value, named by the column's logical name, not by the
        // navigation property it was bound through (cos_AccountId@odata.bind reads back as _cos_accountid_value).
        foreach (var (column, id) in lookups)
        {
            body[$"_{column}_value"] = id;
        }

        var isNew = !Rows.ContainsKey(keyedUrl);
        Rows[keyedUrl] = body;
        WriteCounts.AddOrUpdate(keyedUrl, 1, (_, count) => count + 1);
        var responseHeaders = new Dictionary<string, string> { ["OData-EntityId"] = requestLine[1] };
        if (headers.TryGetValue("Prefer", out var prefer) && prefer.Contains("return=representation", StringComparison.Ordinal))
        {
            return (isNew ? 201 : 200, responseHeaders, body);
        }

        return (204, responseHeaders, null);
    }

    private static void AppendHttp(StringBuilder response, string? contentId, int status, Dictionary<string, string> headers, JsonObject? body)
    {
        response.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            response.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        response.Append("\r\nHTTP/1.1 ").Append(status).Append(' ').Append(((HttpStatusCode)status).ToString()).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            response.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is null)
        {
            response.Append("\r\n");
            return;
        }

        response.Append("Content-Type: application/json; odata.metadata=minimal\r\n\r\n").Append(body.ToJsonString()).Append("\r\n");
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message) => WriteJsonAsync(context, status, Error(code, message));

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("accountnumber eq '((?:[^']|'')*)'")]
    private static partial Regex AccountNumberFilter();
}
