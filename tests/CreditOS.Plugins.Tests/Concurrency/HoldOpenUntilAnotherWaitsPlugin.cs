using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// A test-only post-operation step that keeps the first transaction to reach it open until another transaction is
/// waiting for a row lock (or a generous timeout passes), so two order saves are provably in flight together.
/// Later arrivals pass straight through.
/// </summary>
internal sealed class HoldOpenUntilAnotherWaitsPlugin : IPlugin
{
    private static readonly TimeSpan PatienceLimit = TimeSpan.FromSeconds(5);
    private static int arrivals;

    public static LocalDataverse.LocalDataverse? Dataverse { get; set; }

    /// <summary>Whether the first arrival saw another transaction waiting (false means the saves did not overlap).</summary>
    public static bool SawAnotherWaiting { get; private set; }

    /// <summary>Whether the first arrival is holding its transaction open now (so a test can start the other one then).</summary>
    public static bool FirstArrived => Volatile.Read(ref arrivals) > 0;

    public static void Reset(LocalDataverse.LocalDataverse dataverse)
    {
        Dataverse = dataverse;
        arrivals = 0;
        SawAnotherWaiting = false;
    }

    /// <summary>Registers this step on the message and table (post-operation, after every other step) and resets it.</summary>
    public static void HoldFirst(LocalDataverse.LocalDataverse dataverse, string message, string table, Guid stepId)
    {
        dataverse.RegisterStep(new LocalDataverse.Pipeline.PluginStepRegistration(
            typeof(HoldOpenUntilAnotherWaitsPlugin), stepId, message, table, LocalDataverse.Pipeline.PipelineStageNumber.PostOperation, false, 99, [], null, null, []));
        Reset(dataverse);
    }

    /// <summary>Runs the first write on its own thread and returns once it holds its transaction open here.</summary>
    public static Task<T> StartHeld<T>(Func<T> write)
    {
        var held = Task.Factory.StartNew(write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!SpinWait.SpinUntil(() => FirstArrived, TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("The first write did not reach its hold within 5 s.");
        }

        return held;
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        if (Interlocked.Increment(ref arrivals) != 1 || Dataverse is null)
        {
            return;
        }

        SawAnotherWaiting = SpinWait.SpinUntil(() => Dataverse.TransactionsWaitingForLocks > 0, PatienceLimit);
    }
}
