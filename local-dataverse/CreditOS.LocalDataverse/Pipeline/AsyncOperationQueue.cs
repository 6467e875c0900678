using System.Collections.Concurrent;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// Asynchronous steps, queued when their operation's transaction commits. By default they run right after
/// the commit on the same thread (deterministic); with <see cref="LocalDataverseOptions.RunAsyncStepsImmediately"/>
/// off they wait for <see cref="LocalDataverse.RunPendingAsyncOperations"/>. A failure is recorded, never thrown.
/// </summary>
internal sealed class AsyncOperationQueue(DataverseRuntime runtime)
{
    [ThreadStatic]
    private static bool t_draining;

    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly ConcurrentQueue<AsyncOperationResult> _results = new();

    public IReadOnlyList<AsyncOperationResult> Results => [.. _results];

    public int PendingCount => _pending.Count;

    public void Enqueue(IReadOnlyList<Action> afterCommit)
    {
        foreach (var action in afterCommit)
        {
            _pending.Enqueue(action);
        }

        if (afterCommit.Count > 0 && runtime.Options.RunAsyncStepsImmediately && !t_draining)
        {
            RunPending();
        }
    }

    public int RunPending()
    {
        var ran = 0;
        var wasDraining = t_draining;
        t_draining = true;
        try
        {
            while (_pending.TryDequeue(out var action))
            {
                action();
                ran++;
            }
        }
        finally
        {
            t_draining = wasDraining;
        }

        return ran;
    }

    public void RunStep(StepInvocation invocation)
    {
        var operation = invocation.Operation;
        try
        {
            runtime.Invoker.Invoke(invocation);
            Record(invocation, operation.PrimaryEntityId, error: null);
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            Record(invocation, operation.PrimaryEntityId, fault.Detail.Message);
        }
    }

    public void Record(AsyncOperationResult result) => _results.Enqueue(result);

    private void Record(StepInvocation invocation, Guid primaryId, string? error) =>
        _results.Enqueue(new AsyncOperationResult(
            invocation.Registration.PluginType,
            invocation.Operation.MessageName,
            invocation.Operation.PrimaryEntityName,
            primaryId,
            error is null,
            error));
}
