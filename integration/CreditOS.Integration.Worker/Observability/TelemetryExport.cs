using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// Traces and metrics over OTLP, configured the standard way (environment or configuration keys
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (grpc / http/protobuf),
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, the per-signal <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> /
/// <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_BSP_SCHEDULE_DELAY</c>, <c>OTEL_SDK_DISABLED</c>), read by the
/// OpenTelemetry SDK itself. A signal without an endpoint is neither collected nor exported: off unless configured.
/// </summary>
public static class TelemetryExport
{
    public const string DefaultServiceName = "creditos-integration-worker";
    private const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string TracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    private const string MetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    public static IServiceCollection AddCreditOsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var traces = IsSet(configuration, Endpoint) || IsSet(configuration, TracesEndpoint);
        var metrics = IsSet(configuration, Endpoint) || IsSet(configuration, MetricsEndpoint);
        if (!traces && !metrics)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME, when set, is the SDK's and wins; otherwise the worker names itself. Each process gets
            // its own service.instance.id, so several workers are told apart.
            if (!IsSet(configuration, "OTEL_SERVICE_NAME"))
            {
                resource.AddService(DefaultServiceName, serviceVersion: typeof(TelemetryExport).Assembly.GetName().Version?.ToString());
            }
        });
        if (traces)
        {
            // The worker's batch spans, and the Dataverse (and bureau) HTTP calls under them. Request headers are not
            // recorded and query strings are redacted by the instrumentation, so no token reaches a span.
            telemetry.WithTracing(tracing => tracing
                .AddSource(WorkerTelemetry.Name)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        if (metrics)
        {
            telemetry.WithMetrics(meters => meters
                .AddMeter(WorkerTelemetry.Name)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
