using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>A pump drops its finished batch tasks and reports the ones that faulted, keeping the ones still running.</summary>
public sealed class InFlightBatchesTests
{
    [Fact]
    public void ForgetFinished_ReportsEachFaultedBatch_AndKeepsOnlyTheRunningOnes()
    {
        var running = new TaskCompletionSource();
        var fault = new InvalidOperationException("settlement cancelled by the client");
        var inFlight = new List<Task>
        {
            Task.CompletedTask,
            Task.FromException(new AggregateException(fault)),
            running.Task,
            Task.FromCanceled(new CancellationToken(canceled: true)),
        };
        var reported = new List<Exception>();

        InFlightBatches.ForgetFinished(inFlight, reported.Add);

        Assert.Same(fault, Assert.Single(reported));
        Assert.Same(running.Task, Assert.Single(inFlight));
    }
}
