using System.Collections.Concurrent;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Holds an account update open inside its transaction (after the write, so the row lock is held) until
/// the test releases the gate named by the update's cos_notes, then runs the gate's follow-up, if any.
/// </summary>
[PluginStep("Update", "account", PipelineStage.PostOperation, "7d000000-0000-4000-8000-000000000001", FilteringAttributes = "cos_notes")]
public sealed class GatedPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var name = ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("cos_notes");
        if (name is null || !TestGates.TryGet(name, out var gate))
        {
            return;
        }

        gate.Reached.Set();
        if (!gate.Release.Wait(TestGates.SafetyTimeout))
        {
            throw new InvalidPluginExecutionException($"Gate {name} was never released.");
        }

        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        gate.FollowUp?.Invoke(service);
    }
}

/// <summary>Named gates the tests open and close; a test fixture's only shared state.</summary>
public static class TestGates
{
    /// <summary>Guards against a hung test only; no assertion depends on it.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);

    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);

    public static Gate Open(Action<IOrganizationService>? followUp = null)
    {
        var gate = new Gate("gate-" + Guid.NewGuid().ToString("N"), followUp);
        Gates[gate.Name] = gate;
        return gate;
    }

    public static bool TryGet(string name, out Gate gate) => Gates.TryGetValue(name, out gate!);

    public sealed class Gate(string name, Action<IOrganizationService>? followUp) : IDisposable
    {
        public string Name { get; } = name;

        public ManualResetEventSlim Reached { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Action<IOrganizationService>? FollowUp { get; } = followUp;

        public void Dispose()
        {
            Release.Set();
            Gates.TryRemove(Name, out _);
            Reached.Dispose();
            Release.Dispose();
        }
    }
}
