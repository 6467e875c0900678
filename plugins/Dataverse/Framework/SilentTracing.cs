using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>A tracing service that keeps nothing, for code the caller runs without a plug-in's trace (a decision applied through a service only).</summary>
public sealed class SilentTracing : ITracingService
{
    public static readonly SilentTracing Instance = new();

    private SilentTracing()
    {
    }

    public void Trace(string format, params object[] args)
    {
    }
}
