using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;

namespace CreditOS.LocalDataverse.Tests.Probes.Support;

/// <summary>
/// The solution's local Dataverse served over HTTP to a System Administrator application user, for the Web API probes:
/// each probe sends what a client sends and reads the status, headers and body Dataverse documents.
/// </summary>
internal sealed class WebApiProbeHost : IAsyncDisposable
{
    /// <summary>A local test credential, not a secret.</summary>
    private const string Token = "local-test-token-semantics-probes";

    private static readonly Guid ClientId = new("a9910000-0000-4000-8000-0000000b0b0b");

    private WebApiProbeHost(LocalDataverse dataverse, LocalDataverseWebApiServer server, Guid applicationUserId)
    {
        Dataverse = dataverse;
        ApplicationUserId = applicationUserId;
        Server = server;
        Http = new HttpClient { BaseAddress = server.ServiceRoot };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public LocalDataverse Dataverse { get; }

    /// <summary>The application user every request runs as (the bearer token's).</summary>
    public Guid ApplicationUserId { get; }

    public LocalDataverseWebApiServer Server { get; }

    public HttpClient Http { get; }

    public Microsoft.Xrm.Sdk.IOrganizationService Service => Dataverse.GetOrganizationService();

    public static Task<WebApiProbeHost> StartAsync() => StartAsync(solutionRole: null);

    /// <summary>The host with its application user holding one of the solution's roles (no field security profile), or System Administrator.</summary>
    public static Task<WebApiProbeHost> StartAsync(string? solutionRole) => StartAsync(solutionRole, clock: null);

    /// <summary>The host on a local Dataverse whose clock is <paramref name="clock"/> (the system's when null), for relative date functions.</summary>
    public static Task<WebApiProbeHost> StartAsync(string? solutionRole, TimeProvider? clock) =>
        StartAsync(solutionRole, clock is null ? new LocalDataverseOptions() : new LocalDataverseOptions { Clock = clock });

    /// <summary>The host on a local Dataverse built with <paramref name="options"/> (other metadata, another clock).</summary>
    public static async Task<WebApiProbeHost> StartAsync(string? solutionRole, LocalDataverseOptions options)
    {
        var dataverse = new LocalDataverse(options);
        var user = ApplicationUsers.Create(dataverse, "semantics probe client", ClientId);
        if (solutionRole is null)
        {
            dataverse.AssignRole(user, dataverse.SystemAdministratorRoleId);
            dataverse.AssignFieldSecurityProfile(user, dataverse.SystemAdministratorProfileId);
        }
        else
        {
            dataverse.AssignRole(user, dataverse.SolutionRoleId(solutionRole));
        }

        var webApiOptions = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        webApiOptions.AccessTokens[Token] = ClientId;
        return new WebApiProbeHost(dataverse, await LocalDataverseWebApiServer.StartAsync(dataverse, webApiOptions), user);
    }

    public async Task<Answer> SendAsync(HttpMethod method, string relativeUrl, JsonObject? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(relativeUrl, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var answerHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer(response.StatusCode, answerHeaders, text);
    }

    public Task<Answer> GetAsync(string relativeUrl, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, relativeUrl, null, headers);

    /// <summary>POST $batch with <paramref name="body"/> sent as <paramref name="contentType"/> (none when null).</summary>
    public Task<Answer> PostBatchAsync(string body, string? contentType) => SendTextAsync(HttpMethod.Post, "$batch", body, contentType);

    /// <summary>A request whose body is sent as given, with <paramref name="contentType"/> as its Content-Type (none when null).</summary>
    public async Task<Answer> SendTextAsync(HttpMethod method, string relativeUrl, string body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(relativeUrl, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return await ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Dataverse.Dispose();
    }

    /// <summary>One HTTP answer: status, headers and the body (JSON when there is one).</summary>
    internal sealed record Answer(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Text)
    {
        public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("The answer has no JSON body.");

        public string ErrorCode => Json["error"]!["code"]!.GetValue<string>();

        public string ErrorMessage => Json["error"]!["message"]!.GetValue<string>();

        public Guid EntityId => Guid.Parse(Headers["OData-EntityId"].Split('(', ')')[1]);
    }
}
