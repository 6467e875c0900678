using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// The Dataverse client's HTTP log: method, address, status and duration, never a header. It replaces HttpClient's
/// default loggers, whose Trace entries carry every request header in their structured state (the message text is
/// redacted by RedactLoggedHeaders, the state is not), so a bearer token would reach any sink that records state.
/// </summary>
public sealed partial class DataverseHttpLogger(ILogger<DataverseHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogStart(request.Method, request.RequestUri);
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        LogStop(request.Method, request.RequestUri, (int)response.StatusCode, elapsed.TotalMilliseconds);
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogFailed(exception, request.Method, request.RequestUri, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "HTTP {Method} {Uri} sent")]
    private partial void LogStart(HttpMethod method, Uri? uri);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Uri} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private partial void LogStop(HttpMethod method, Uri? uri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP {Method} {Uri} failed after {ElapsedMilliseconds:0.0} ms")]
    private partial void LogFailed(Exception exception, HttpMethod method, Uri? uri, double elapsedMilliseconds);
}
