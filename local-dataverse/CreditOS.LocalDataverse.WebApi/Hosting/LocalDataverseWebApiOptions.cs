using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.LocalDataverse.WebApi.Protection;

namespace CreditOS.LocalDataverse.WebApi.Hosting;

/// <summary>How the local Dataverse is served over HTTP.</summary>
public sealed class LocalDataverseWebApiOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The user requests run as; null = the SYSTEM user. The service protection limits count per user.</summary>
    public Guid? CallerId { get; set; }

    public ServiceProtectionOptions ServiceProtection { get; set; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Lets tests inject failures (a 503, a 429) before a request runs; return null to let it run.</summary>
    public Func<WebApiRequest, WebApiResult?>? FaultInjector { get; set; }
}
