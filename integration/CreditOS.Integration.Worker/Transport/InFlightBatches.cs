namespace CreditOS.Integration.Worker.Transport;

/// <summary>The batch tasks a pump has running; both pumps drop the finished ones the same way.</summary>
internal static class InFlightBatches
{
    /// <summary>
    /// Drops finished batch tasks, handing each one that faulted to <paramref name="logFault"/>: otherwise its error would
    /// surface only when the pump stops (session 26's soak: a settlement the client cancelled skipped the rest of its batch
    /// unseen).
    /// </summary>
    public static void ForgetFinished(List<Task> inFlight, Action<Exception> logFault)
    {
        foreach (var task in inFlight.Where(task => task.IsFaulted))
        {
            logFault(task.Exception!.GetBaseException());
        }

        inFlight.RemoveAll(task => task.IsCompleted);
    }
}
