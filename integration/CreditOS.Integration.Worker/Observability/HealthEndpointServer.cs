using System.Text.Json;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// Serves the worker's health checks over HTTP on Health:Urls (nothing when empty): <c>GET /health/live</c> runs the
/// checks tagged <see cref="LiveTag"/>, <c>GET /health/ready</c> those tagged <see cref="ReadyTag"/> (the Service Bus
/// receivers or the broker connection, and Dataverse). 200 when every check is healthy, 503 otherwise, with a JSON body
/// naming each check's status and description (never an exception's detail). A Kestrel of its own, so the worker stays
/// a plain generic host and any host that adds the worker gets the endpoints.
/// </summary>
public sealed partial class HealthEndpointServer(
    HealthCheckService checks,
    IOptions<HealthOptions> options,
    ILogger<HealthEndpointServer> logger) : IHostedService, IAsyncDisposable
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on once started (a port 0 in Health:Urls resolved).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.Urls;
        if (string.IsNullOrWhiteSpace(urls))
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet(LivePath, context => WriteAsync(context, LiveTag));
        app.MapGet(ReadyPath, context => WriteAsync(context, ReadyTag));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address)).ToList();
        LogServing(string.Join(", ", Addresses), LivePath, ReadyPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task WriteAsync(HttpContext context, string tag)
    {
        var report = await checks.CheckHealthAsync(registration => registration.Tags.Contains(tag), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteString("description", entry.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoints on {Addresses}: {LivePath} (liveness), {ReadyPath} (readiness)")]
    private partial void LogServing(string addresses, string livePath, string readyPath);
}
