using System.Diagnostics;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>Names of the worker's traces and metrics, registered with OpenTelemetry.</summary>
public static class WorkerTelemetry
{
    public const string Name = "CreditOS.Integration.Worker";

    public static readonly ActivitySource ActivitySource = new(Name);
}
