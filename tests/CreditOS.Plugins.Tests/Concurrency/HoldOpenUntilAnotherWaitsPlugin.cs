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

    public void Execute(IServiceProvider serviceProvider)
    {
        if (Interlocked.Increment(ref arrivals) != 1 || Dataverse is null)
        {
            return;
        }

        SawAnotherWaiting = SpinWait.SpinUntil(() => Dataverse.TransactionsWaitingForLocks > 0, PatienceLimit);
    }
}
