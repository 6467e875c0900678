using System.Net;
using System.Text.Json;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditOS.Integration.Tests.Observability;

/// <summary>
/// The deployed worker host (<c>AddCreditOsWorker</c>, official Service Bus client, local Service Bus) serving
/// /health/live and /health/ready over HTTP on Health:Urls: ready only while every receiver receives and Dataverse
/// answers as the worker's application user.
/// </summary>
// In the broker collection: worker metrics are process-wide and other tests count settlements by queue name.
[Collection(BrokerCollection.Name)]
public sealed class HealthEndpointTests
{
    private static readonly Uri UnreachableDataverse = new("http://127.0.0.1:9/");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Live_answers_while_ready_waits_for_Dataverse_and_names_what_is_missing()
    {
        await using var bus = new LocalServiceBusForWorker();
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(UnreachableDataverse, bus, HealthSettings()));
        using var http = new HttpClient();
        var health = Endpoints(worker);

        var live = await GetAsync(http, new Uri(health, HealthEndpointServer.LivePath));
        var ready = await UntilAsync(http, new Uri(health, HealthEndpointServer.ReadyPath), answer => answer.Check("broker") == "Healthy");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Overall);
        Assert.Equal("Healthy", live.Check("host"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.Overall);
        Assert.Equal("Unhealthy", ready.Check("dataverse"));
        Assert.Contains("receiving 4 queues", ready.Description("broker"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_when_every_receiver_receives_and_Dataverse_answers_as_the_application_user()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var bus = new LocalServiceBusForWorker();
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, HealthSettings()));
        using var http = new HttpClient();

        var ready = await UntilAsync(http, new Uri(Endpoints(worker), HealthEndpointServer.ReadyPath), answer => answer.Status == HttpStatusCode.OK);

        Assert.Equal("Healthy", ready.Check("broker"));
        Assert.Equal("Healthy", ready.Check("dataverse"));
        Assert.Contains(local.WorkerUserId.ToString(), ready.Description("dataverse"), StringComparison.OrdinalIgnoreCase);
        Assert.False(ready.Body.Contains(LocalDataverseOverHttp.WorkerAccessToken, StringComparison.Ordinal), "the readiness answer carries the bearer token");
    }

    [Fact]
    public async Task Ready_follows_the_Service_Bus_going_away_and_coming_back()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var bus = new LocalServiceBusForWorker();
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, HealthSettings()));
        using var http = new HttpClient();
        var readyUri = new Uri(Endpoints(worker), HealthEndpointServer.ReadyPath);
        await UntilAsync(http, readyUri, answer => answer.Status == HttpStatusCode.OK);

        bus.Stop();
        var down = await UntilAsync(http, readyUri, answer => answer.Check("broker") == "Unhealthy");
        var liveWhileDown = await GetAsync(http, new Uri(Endpoints(worker), HealthEndpointServer.LivePath));
        bus.Start();
        var back = await UntilAsync(http, readyUri, answer => answer.Status == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Contains("receive failing since", down.Description("broker"), StringComparison.Ordinal);
        Assert.Equal("Healthy", down.Check("dataverse"));
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.Status); // an outage is not a reason to restart the worker
        Assert.Equal("Healthy", back.Check("broker"));
    }

    [Fact]
    public async Task Receivers_refused_by_Service_Bus_keep_the_worker_not_ready_without_showing_the_key()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var bus = new LocalServiceBusForWorker();
        const string WrongKey = "d3Jvbmcta2V5LWZvci10aGUtaGVhbHRoLXRlc3Q=";
        var wrong = bus.ConnectionString.Replace(LocalServiceBusForWorker.Key, WrongKey, StringComparison.Ordinal);
        var settings = HealthSettings();
        settings["Broker:ServiceBus:ConnectionString"] = wrong;
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, settings));
        using var http = new HttpClient();

        var ready = await UntilAsync(http, new Uri(Endpoints(worker), HealthEndpointServer.ReadyPath), answer => answer.Description("broker").Contains("receive failing", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.Check("broker"));
        Assert.Contains("4 of 4 receivers", ready.Description("broker"), StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.Check("dataverse"));
        Assert.False(ready.Body.Contains(WrongKey, StringComparison.Ordinal), "the readiness answer carries the key");
    }

    [Fact]
    public async Task No_endpoint_is_served_without_Health_Urls()
    {
        await using var bus = new LocalServiceBusForWorker();
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(UnreachableDataverse, bus));

        var server = worker.Services.GetServices<IHostedService>().OfType<HealthEndpointServer>().Single();

        Assert.Empty(server.Addresses);
    }

    private static Dictionary<string, string?> HealthSettings() => new()
    {
        ["Health:Urls"] = "http://127.0.0.1:0",
        ["Health:DataverseCheckInterval"] = "00:00:00",
        ["Health:DataverseCheckTimeout"] = "00:00:10",
        ["Dataverse:MaxRetryAttempts"] = "1",
    };

    private static Uri Endpoints(WorkerHost worker) =>
        Assert.Single(worker.Services.GetServices<IHostedService>().OfType<HealthEndpointServer>().Single().Addresses);

    private static async Task<HealthAnswer> UntilAsync(HttpClient http, Uri uri, Func<HealthAnswer, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var answer = await GetAsync(http, uri);
            if (condition(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{uri} never answered as expected within {Patience.TotalSeconds:F0} s; last: {(int)answer.Status} {answer.Body}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<HealthAnswer> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return new HealthAnswer(response.StatusCode, body);
    }

    private sealed record HealthAnswer(HttpStatusCode Status, string Body)
    {
        private JsonElement Root => JsonDocument.Parse(Body).RootElement;

        public string? Overall => Root.GetProperty("status").GetString();

        public string? Check(string name) => Root.GetProperty("checks").TryGetProperty(name, out var check) ? check.GetProperty("status").GetString() : null;

        public string Description(string name) => Root.GetProperty("checks").TryGetProperty(name, out var check) ? check.GetProperty("description").GetString() ?? string.Empty : string.Empty;
    }
}
