using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CreditOS.Integration.Tests.Observability;

/// <summary>
/// The deployed worker host exporting over OTLP/HTTP (protobuf) to a local receiver, configured only with the standard
/// OTEL_* keys: the receiver decodes what arrives and the test asserts on the real spans and metrics.
/// </summary>
// In the broker collection: worker metrics are process-wide and other tests count settlements by queue name.
[Collection(BrokerCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Batch_spans_with_their_Dataverse_calls_and_the_message_counters_reach_an_OTLP_receiver()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var bus = new LocalServiceBusForWorker();
        var configuration = WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await using (var worker = await WorkerHost.StartAsync(configuration))
        {
            // A payment for a customer Dataverse does not know: the handler looks the account up over the Web API, then dead-letters.
            await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("otlp-1", "sap.payment-advice", Payloads.SapPaymentAdvice("5100000001", "C-404", 120m))]);
            await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(60), "the payment dead-lettered");
            await Eventually.TrueAsync(
                () => receiver.Metrics.Any(metric => metric.Name == "creditos.messages.deadlettered" && metric.SumPoints.Any(point => point.Attributes.GetValueOrDefault("reason") == "UnknownCustomer")),
                // As long as the dead letter itself may take: on a loaded CI machine an export every 500 ms can still queue behind the test run.
                TimeSpan.FromSeconds(60),
                "the dead-letter counter exported");
        }

        var process = receiver.Spans.Where(span => span.Name == $"process {LocalBroker.PaymentsQueue}" && span.Service == TelemetryExport.DefaultServiceName).ToList();
        var batch = Assert.Single(process, span => receiver.Spans.Any(child => child.ParentSpanId == span.SpanId));
        var dataverseCalls = receiver.Spans.Where(span => span.ParentSpanId == batch.SpanId).ToList();
        Assert.Equal(WorkerTelemetry.Name, batch.Scope);
        Assert.Equal("servicebus", batch.Attributes.GetValueOrDefault("messaging.system"));
        Assert.Equal(LocalBroker.PaymentsQueue, batch.Attributes.GetValueOrDefault("messaging.destination.name"));
        Assert.NotEmpty(dataverseCalls);
        Assert.All(dataverseCalls, call =>
        {
            Assert.Equal(batch.TraceId, call.TraceId);
            Assert.Equal("System.Net.Http", call.Scope);
            Assert.StartsWith(local.Server.BaseUri.AbsoluteUri.TrimEnd('/'), call.Attributes.GetValueOrDefault("url.full") ?? string.Empty, StringComparison.Ordinal);
        });

        var received = receiver.Metrics.Where(metric => metric.Name == "creditos.messages.received" && metric.Scope == WorkerTelemetry.Name).ToList();
        Assert.NotEmpty(received);
        Assert.Contains(received.SelectMany(metric => metric.SumPoints), point => point.Attributes.GetValueOrDefault("queue") == LocalBroker.PaymentsQueue && point.IntValue >= 1);
        Assert.All(received, metric => Assert.Equal("{message}", metric.Unit));
        Assert.Empty(receiver.Refused);
        Assert.DoesNotContain(receiver.Spans, span => span.Attributes.Values.Any(value => value?.Contains(LocalDataverseOverHttp.WorkerAccessToken, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_nothing_is_collected_or_exported()
    {
        await using var bus = new LocalServiceBusForWorker();
        await using var worker = await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(new Uri("http://127.0.0.1:9/"), bus));

        Assert.Null(worker.Services.GetService<TracerProvider>());
        Assert.Null(worker.Services.GetService<MeterProvider>());
    }
}
