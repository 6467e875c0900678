using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// A test-only pre-operation step on account Update, after the sealed-picture guard: the first time the armed account's update
/// carries its last-scored time after <see cref="Arm"/> (the nightly's sealed write, the guard having just checked its basis
/// against the pre-image), it posts a payment on another thread and waits until that payment has committed. The update has not
/// taken the account's row lock yet (the core operation comes after stage 20), so the payment commits inside the guard's window:
/// the interleaving the basis check alone does not see.
/// </summary>
internal sealed class PayWhileTheSealedWriteIsInItsGuardPlugin : IPlugin
{
    private static readonly object Gate = new();
    private static Guid armedFor;
    private static Func<object>? payment;

    /// <summary>Whether the payment committed while the sealed write waited in its stage 20.</summary>
    public static bool PaidInsideTheWindow { get; private set; }

    public static void Arm(Guid accountId, Func<object> pay)
    {
        lock (Gate)
        {
            PaidInsideTheWindow = false;
            payment = pay;
            armedFor = accountId;
        }
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        if (context.InputParameters["Target"] is not Entity target || !target.Contains("cos_lastscoredon") || target.Id == Guid.Empty || Disarm(target.Id) is not { } pay)
        {
            return;
        }

        var paying = Task.Factory.StartNew(pay, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!paying.Wait(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException("The payment did not commit within 15 s while the sealed write waited in its guard's window.");
        }

        PaidInsideTheWindow = true;
    }

    /// <summary>The payment to post when the account is the armed one (once), else null.</summary>
    private static Func<object>? Disarm(Guid accountId)
    {
        lock (Gate)
        {
            if (armedFor != accountId)
            {
                return null;
            }

            armedFor = Guid.Empty;
            return payment;
        }
    }
}
