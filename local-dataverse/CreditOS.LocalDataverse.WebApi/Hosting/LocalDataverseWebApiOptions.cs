using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.LocalDataverse.WebApi.Protection;

namespace CreditOS.LocalDataverse.WebApi.Hosting;

/// <summary>How the local Dataverse is served over HTTP.</summary>
public sealed class LocalDataverseWebApiOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Bearer tokens this environment accepts, each issued to an Entra application (client) id. A request runs as the
    /// application user with that applicationid (see <see cref="ApplicationUsers"/>); without a known token it is refused
    /// with 401. The service protection limits count per user.
    /// </summary>
    public IDictionary<string, Guid> AccessTokens { get; } = new Dictionary<string, Guid>(StringComparer.Ordinal);

    public ServiceProtectionOptions ServiceProtection { get; set; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// A MODEL, off by default: a fixed delay added to every HTTP request before it runs, standing for the network and
    /// front-end time of a real environment's round trip (the local one answers on loopback in well under a millisecond).
    /// It only exists so a benchmark can show how throughput behaves when the client waits on I/O, as it does against a
    /// real Dataverse; it is not counted as execution time by the service protection limiter (Dataverse counts server time).
    /// Never set it in tests that check behaviour.
    /// </summary>
    public TimeSpan SimulatedRoundTrip { get; set; } = TimeSpan.Zero;

    /// <summary>Lets tests inject failures (a 503, a 429) before a request runs; return null to let it run.</summary>
    public Func<WebApiRequest, WebApiResult?>? FaultInjector { get; set; }
}
