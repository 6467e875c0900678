using System.Collections.Concurrent;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Faults the local Web API puts on the worker's $batch requests: of every four, the first is throttled
/// (429, Retry-After 1 s) and the third fails with 503, as Dataverse's service protection and a busy server do.
/// </summary>
internal sealed class BatchFaultInjector
{
    private int _batchRequests;

    /// <summary>The status codes injected so far, so a test can prove the faults really happened.</summary>
    public ConcurrentBag<int> Injected { get; } = [];

    public WebApiResult? Inject(WebApiRequest request)
    {
        if (request.Path != "$batch")
        {
            return null;
        }

        var number = Interlocked.Increment(ref _batchRequests);
        if (number % 4 == 1)
        {
            Injected.Add(429);
            return WebApiResult.Error(429, unchecked((int)0x80072322), "Injected: number of requests exceeded.", new Dictionary<string, string> { ["Retry-After"] = "1" });
        }

        if (number % 4 == 3)
        {
            Injected.Add(503);
            return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable.");
        }

        return null;
    }
}
