using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CreditOS.LocalDataverse.WebApi.Batch;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CreditOS.LocalDataverse.WebApi.Hosting;

/// <summary>
/// The local Dataverse served over HTTP on loopback with the Web API's conventions (/api/data/v9.2/), for
/// tests (in-process) and the CLI. Every request passes the service protection limiter first.
/// </summary>
public sealed class LocalDataverseWebApiServer : IAsyncDisposable
{
    public const string ApiPath = "api/data/v9.2/";
    private const string BatchSegment = "$batch";
    private const string CallerIdHeader = "MSCRMCallerID";
    private const string CallerObjectIdHeader = "CallerObjectId";

    private readonly WebApplication _app;
    private readonly LocalDataverseWebApiOptions _options;
    private readonly ConcurrentDictionary<Guid, WebApiOperations> _operationsByUser = new();
    private BearerAuthentication? _authentication;

    private LocalDataverseWebApiServer(WebApplication app, LocalDataverse dataverse, LocalDataverseWebApiOptions options)
    {
        _app = app;
        _options = options;
        Dataverse = dataverse;
        Limiter = new ServiceProtectionLimiter(options.ServiceProtection, options.Clock);
    }

    public LocalDataverse Dataverse { get; }

    public ServiceProtectionLimiter Limiter { get; }

    /// <summary>The environment URL (what the worker's Dataverse:EnvironmentUrl points at).</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public Uri ServiceRoot => new(BaseUri, ApiPath);

    /// <summary>The longest URL of a request (32 KB, as Dataverse documents for GET).</summary>
    public const int MaximumUrlLength = UrlLimits.MaximumUrlLength;

    /// <summary>
    /// The web server's own limit on the request line, above the Web API's 32 KB so that a longer URL reaches the handler and gets
    /// Dataverse's 400 (<see cref="UrlLimits"/>) rather than Kestrel's 414; past it Kestrel still answers 414.
    /// </summary>
    private const int RequestLineLimit = 2 * MaximumUrlLength + 32;

    public static async Task<LocalDataverseWebApiServer> StartAsync(LocalDataverse dataverse, LocalDataverseWebApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        options ??= new LocalDataverseWebApiOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            // "The length of a URL in a GET request is limited to 32 KB (32,768 characters)" (Use OData to retrieve data, "URL
            // length limitations"): Kestrel's 8 KB request line refused longer URLs Dataverse serves (414). The request line holds
            // the method and the protocol version besides the URL; past it Kestrel still answers 414.
            kestrel.Limits.MaxRequestLineSize = RequestLineLimit;
        });
        var app = builder.Build();
        var server = new LocalDataverseWebApiServer(app, dataverse, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        server._authentication = new BearerAuthentication(dataverse, new Dictionary<string, Guid>(options.AccessTokens, StringComparer.Ordinal), server.BaseUri);
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task HandleAsync(HttpContext context)
    {
        var authentication = _authentication ?? throw new InvalidOperationException("The server has not finished starting.");
        // The raw target, still percent-encoded: the operation decodes it exactly once, as Dataverse does.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;
        var prefix = "/" + ApiPath;
        if (!rawTarget.StartsWith(prefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, WebApiResult.Error(404, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.UnexpectedError, $"Not a Web API path: {context.Request.Path}. Use {prefix}.")).ConfigureAwait(false);
            return;
        }

        if ((UrlLimits.LengthRefusal(BaseUri.AbsoluteUri.TrimEnd('/') + rawTarget, UrlLimits.MaximumUrlLength) ?? UrlLimits.SegmentRefusal(rawTarget)) is { } tooLong)
        {
            await WriteAsync(context, tooLong).ConfigureAwait(false);
            return;
        }

        var request = await ReadAsync(context, rawTarget[prefix.Length..]).ConfigureAwait(false);
        if (_options.SimulatedRoundTrip > TimeSpan.Zero)
        {
            // The modelled network time of a real environment (LocalDataverseWebApiOptions.SimulatedRoundTrip): awaited, no thread held.
            await Task.Delay(_options.SimulatedRoundTrip, context.RequestAborted).ConfigureAwait(false);
        }

        if (_options.FaultInjector?.Invoke(request) is { } injected)
        {
            await WriteAsync(context, injected).ConfigureAwait(false);
            return;
        }

        var (userId, refusal) = authentication.Authenticate(request.Header("Authorization"));
        if (refusal is not null)
        {
            await WriteAsync(context, refusal).ConfigureAwait(false);
            return;
        }

        var operations = _operationsByUser.GetOrAdd(userId!.Value, user => new WebApiOperations(Dataverse, ServiceRoot, user));
        if (Impersonation(request, operations, out var impersonated) is { } invalid)
        {
            await WriteAsync(context, invalid).ConfigureAwait(false);
            return;
        }

        operations = impersonated;
        if ((Bypass(request, operations) ?? DuplicateDetection(request, operations)) is { } refused)
        {
            await WriteAsync(context, refused).ConfigureAwait(false);
            return;
        }
        using var lease = Limiter.TryAcquire(operations.UserId, out var throttled);
        if (lease is null)
        {
            var retryAfter = ((int)throttled!.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, WebApiResult.Error(429, throttled.ErrorCode, throttled.Message, new Dictionary<string, string> { ["Retry-After"] = retryAfter })).ConfigureAwait(false);
            return;
        }

        if (request.Path == BatchSegment && request.Method == HttpMethods.Post)
        {
            if (BatchContentType.Refusal(context.Request.ContentType) is { } notMultipart)
            {
                await WriteAsync(context, notMultipart).ConfigureAwait(false);
                return;
            }

            var continueOnError = request.Header("Prefer")?.Contains("odata.continue-on-error", StringComparison.OrdinalIgnoreCase) == true;
            var (status, contentType, body) = new BatchProcessor(operations, ServiceRoot, _options.FaultInjector).Execute(context.Request.ContentType ?? string.Empty, request.Body ?? string.Empty, continueOnError);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.Headers["OData-Version"] = "4.0";
            await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, operations.Execute(request)).ConfigureAwait(false);
    }

    /// <summary>
    /// Impersonation as the Web API does it ("Impersonate another user using the Web API"): the MSCRMCallerID header names
    /// the systemuserid every operation of the request runs as; the organization service allows it only to a caller with
    /// prvActOnBehalfOfAnotherUser (else 0x8004A110, 403). CallerObjectId, Microsoft's preferred way, names the user by their
    /// Microsoft Entra object id: the call runs as the systemuser whose azureactivedirectoryobjectid it is, with the same
    /// privilege check. What Microsoft does not document is refused loudly (501) rather than guessed: both headers at once
    /// (which wins), and an object id no user has (Dataverse's answer to it).
    /// </summary>
    private WebApiResult? Impersonation(WebApiRequest request, WebApiOperations authenticated, out WebApiOperations operations)
    {
        operations = authenticated;
        Guid onBehalfOf;
        if (request.Header(CallerObjectIdHeader) is { Length: > 0 } objectIdText)
        {
            if (request.Header(CallerIdHeader) is { Length: > 0 })
            {
                return WebApiResult.Error(501, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement a request with both {CallerObjectIdHeader} and {CallerIdHeader} (which one Dataverse follows is not documented); send one.");
            }

            if (!Guid.TryParse(objectIdText, out var objectId))
            {
                return WebApiResult.Error(400, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.InvalidArgument, $"The {CallerObjectIdHeader} header must be a Microsoft Entra object id (a GUID), not '{objectIdText}'.");
            }

            var users = UsersWithEntraObjectId(objectId);
            if (users.Count != 1)
            {
                return WebApiResult.Error(501, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement impersonation by the {CallerObjectIdHeader} header for an object id {users.Count} users have ({objectId:D}; Dataverse's answer to that is not documented); give the user their object id with SetUserEntraObjectId.");
            }

            onBehalfOf = users[0];
        }
        else if (request.Header(CallerIdHeader) is not { Length: > 0 } caller)
        {
            return null;
        }
        else if (!Guid.TryParse(caller, out onBehalfOf))
        {
            return WebApiResult.Error(400, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.InvalidArgument, $"The {CallerIdHeader} header must be a systemuserid (a GUID), not '{caller}'.");
        }

        operations = new WebApiOperations(Dataverse, ServiceRoot, authenticated.UserId, onBehalfOf);
        return null;
    }

    /// <summary>The systemuserids of the users whose Microsoft Entra object id is <paramref name="objectId"/> (read as SYSTEM).</summary>
    private List<Guid> UsersWithEntraObjectId(Guid objectId)
    {
        var query = new Microsoft.Xrm.Sdk.Query.QueryExpression("systemuser") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("systemuserid") };
        query.Criteria.AddCondition("azureactivedirectoryobjectid", Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, objectId);
        return Dataverse.GetOrganizationService().RetrieveMultiple(query).Entities.Select(user => user.Id).ToList();
    }

    /// <summary>
    /// The headers that skip custom business logic on the <c>$batch</c> request itself. On any other request (a batch part included)
    /// they become the organization service's optional parameters (<c>OData/BypassHeaders</c>), which skip the logic for a caller
    /// holding the privilege. Whether the batch's own headers reach its parts is not documented ("Execute batch operations using the
    /// Web API" says nothing of them): the privilege and the values are checked (a caller without it gets Dataverse's 403), then a
    /// holder is refused loudly (501) rather than have the parts run with or without their plug-ins by a guess.
    /// </summary>
    private WebApiResult? Bypass(WebApiRequest request, WebApiOperations operations)
    {
        var asked = BypassHeaders.Of(request);
        if (asked.Count == 0 || request.Path != BatchSegment)
        {
            return null;
        }

        var service = Dataverse.GetOrganizationService(operations.UserId);
        service.CallerId = operations.OnBehalfOf ?? Guid.Empty;
        var probe = new Microsoft.Xrm.Sdk.OrganizationRequest("WhoAmI");
        foreach (var parameter in asked)
        {
            probe.Parameters[parameter.Key] = parameter.Value;
        }

        try
        {
            service.Execute(probe);
        }
        catch (System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> fault)
        {
            return FaultMapping.ToResult(fault);
        }

        return WebApiResult.Error(501, global::CreditOS.LocalDataverse.Faults.DataverseErrorCodes.UnexpectedError,
            $"The local Web API does not implement the {string.Join(", ", asked.Keys.Select(name => "MSCRM." + name))} header on a $batch request (whether Dataverse applies it to the batch's parts is not documented); send it on each part instead.");
    }

    /// <summary>
    /// <c>MSCRM.SuppressDuplicateDetection: false</c> asks Dataverse to apply its duplicate detection rules and answer 412
    /// 0x80040333 on a match (Use optional parameters, "Suppress duplicate detection"). It becomes the organization service's
    /// optional parameter of that name, which the local Dataverse refuses as not implemented (501): it runs no such rules. The
    /// header used to be ignored and the row written. A GET or DELETE with the header is served as Dataverse serves it (Web API round
    /// 15; it answered 501 too): "The value assigned to MSCRM.SuppressDuplicateDetection header determines whether the Create or
    /// Update operation can be completed" ("Detect duplicate data using the Web API", webapi/manage-duplicate-detection-create-update,
    /// whose examples send it on POST and PATCH), so a read or a delete has no rules to apply.
    /// </summary>
    private WebApiResult? DuplicateDetection(WebApiRequest request, WebApiOperations operations)
    {
        if (request.Header("MSCRM.SuppressDuplicateDetection") is not { Length: > 0 } value
            || request.Method is "GET" or "DELETE")
        {
            return null;
        }

        var service = Dataverse.GetOrganizationService(operations.UserId);
        service.CallerId = operations.OnBehalfOf ?? Guid.Empty;
        var probe = new Microsoft.Xrm.Sdk.OrganizationRequest("WhoAmI");
        probe.Parameters["SuppressDuplicateDetection"] = value.Trim();
        try
        {
            service.Execute(probe);
            return null;
        }
        catch (System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> fault)
        {
            return FaultMapping.ToResult(fault);
        }
    }

    private static async Task<WebApiRequest> ReadAsync(HttpContext context, string relativeTarget)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new WebApiRequest(context.Request.Method, relativeTarget, headers, body.Length == 0 ? null : body);
    }

    private static async Task WriteAsync(HttpContext context, WebApiResult result)
    {
        context.Response.StatusCode = result.StatusCode;
        context.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
        else if (result.PlainText is not null)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(result.PlainText, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
