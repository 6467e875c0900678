using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// A minimal OTLP/HTTP receiver on loopback (Kestrel): accepts <c>POST /v1/traces</c> and <c>POST /v1/metrics</c> in
/// binary protobuf (<c>application/x-protobuf</c>, optionally gzip), decodes the parts of
/// <c>ExportTraceServiceRequest</c> / <c>ExportMetricsServiceRequest</c> a test asserts on, straight from the
/// protobuf wire format (field numbers of opentelemetry-proto's trace/v1 and metrics/v1), and answers 200 with an
/// empty export response. Anything else is answered 415 or 404, so a wrong exporter setting fails the test.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces, /v1/metrics).</summary>
    public Uri Endpoint { get; }

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    public ConcurrentQueue<ReceivedMetric> Metrics { get; } = new();

    /// <summary>Requests refused (wrong path or content type), with what was wrong.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", context => receiver!.AcceptAsync(context, body => receiver!.ReadTraces(body)));
        app.MapPost("/v1/metrics", context => receiver!.AcceptAsync(context, body => receiver!.ReadMetrics(body)));
        app.MapFallback(context =>
        {
            receiver!.Refused.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new OtlpReceiver(app, new Uri(address));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context, Action<byte[]> read)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            Refused.Enqueue($"{context.Request.Path}: content type {context.Request.ContentType}");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var buffer = new MemoryStream();
        var body = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
        await body.CopyToAsync(buffer);
        read(buffer.ToArray());
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: no partial success
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; repeated KeyValue attributes = 9; }
    private void ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = ServiceName(resourceSpans);
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Fields(scopeSpans, 2))
                {
                    Spans.Enqueue(new ReceivedSpan(
                        service,
                        scope,
                        Text(First(span, 5)),
                        Convert.ToHexString(First(span, 1)),
                        Convert.ToHexString(First(span, 2)),
                        Convert.ToHexString(First(span, 4)),
                        Attributes(span, 9)));
                }
            }
        }
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
    // ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
    // Metric { string name = 1; string unit = 3; Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
    // Sum { repeated NumberDataPoint data_points = 1; } NumberDataPoint { repeated KeyValue attributes = 7; sfixed64 as_int = 6; }
    private void ReadMetrics(byte[] request)
    {
        foreach (var resourceMetrics in Fields(request, 1))
        {
            var service = ServiceName(resourceMetrics);
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                var scope = ScopeName(scopeMetrics);
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    var sumPoints = Fields(metric, 7).SelectMany(sum => Fields(sum, 1))
                        .Select(point => new ReceivedPoint(Attributes(point, 7), Fixed64(point, 6)))
                        .ToList();
                    Metrics.Enqueue(new ReceivedMetric(service, scope, Text(First(metric, 1)), Text(First(metric, 3)), sumPoints));
                }
            }
        }
    }

    /// <summary>Resource { repeated KeyValue attributes = 1; }: the value of <c>service.name</c>.</summary>
    private static string? ServiceName(byte[] resourceSomething) =>
        Fields(resourceSomething, 1).SelectMany(resource => Attributes(resource, 1)).FirstOrDefault(attribute => attribute.Key == "service.name").Value;

    /// <summary>InstrumentationScope { string name = 1; }.</summary>
    private static string ScopeName(byte[] scoped) => Text(Fields(scoped, 1).Select(scope => First(scope, 1)).FirstOrDefault() ?? []);

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; } AnyValue { string string_value = 1; int64 int_value = 3; ... }: string values (others as their raw text).</summary>
    private static Dictionary<string, string?> Attributes(byte[] message, int field) =>
        Fields(message, field).ToDictionary(
            keyValue => Text(First(keyValue, 1)),
            keyValue => Fields(keyValue, 2).Select(value => Fields(value, 1).Select(Text).FirstOrDefault()).FirstOrDefault(),
            StringComparer.Ordinal);

    private static byte[] First(byte[] message, int field) => Fields(message, field).FirstOrDefault() ?? [];

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static long? Fixed64(byte[] message, int field) =>
        Wire(message).Where(entry => entry.Number == field && entry.WireType == 1).Select(entry => (long?)BitConverter.ToInt64(entry.Raw)).FirstOrDefault();

    /// <summary>The length-delimited occurrences of a field (sub-messages, strings, bytes).</summary>
    private static List<byte[]> Fields(byte[] message, int field) =>
        Wire(message).Where(entry => entry.Number == field && entry.WireType == 2).Select(entry => entry.Raw).ToList();

    /// <summary>The protobuf wire format: (field number, wire type, varint value, raw bytes) per field, in order.</summary>
    private static IEnumerable<(int Number, int WireType, ulong Value, byte[] Raw)> Wire(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return (number, wireType, Varint(message, ref position), []);
                    break;
                case 1:
                    yield return (number, wireType, 0, message[position..(position + 8)]);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    yield return (number, wireType, 0, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    yield return (number, wireType, 0, message[position..(position + 4)]);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {wireType} at byte {position} is not protobuf an OTLP exporter sends.");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var current = message[position++];
            result |= (ulong)(current & 0x7F) << shift;
            if ((current & 0x80) == 0)
            {
                return result;
            }
        }
    }
}

public sealed record ReceivedSpan(string? Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string?> Attributes);

public sealed record ReceivedMetric(string? Service, string Scope, string Name, string Unit, IReadOnlyList<ReceivedPoint> SumPoints);

public sealed record ReceivedPoint(IReadOnlyDictionary<string, string?> Attributes, long? IntValue);
