using System.Activities;
using System.Collections.Concurrent;
using System.ServiceModel;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Workflows.Processes;

/// <summary>
/// Runs an activated process on a row after its triggering operation commits, as Dataverse's async service
/// runs a background workflow: its steps in order, each custom activity through the workflow-activity runner
/// (each service call its own transaction), as the process owner. A wait whose time has not come parks the process until
/// <see cref="ResumeDue"/> finds the clock past it. A failing step stops the process and is recorded as a
/// failed system job; it never undoes the operation that triggered it.
/// </summary>
internal sealed class ProcessRunner(DataverseRuntime runtime)
{
    private readonly ConcurrentQueue<WaitingProcess> _waiting = new();

    public int WaitingCount => _waiting.Count;

    public void Queue(MessageContext operation, Entity? after)
    {
        if (after is null || runtime.Processes.Processes.Count == 0)
        {
            return;
        }

        var changed = operation.Input.TryGetValue(ParameterNames.Target, out var target) && target is Entity entity ? entity.Attributes.Keys : [];
        foreach (var process in runtime.Processes.For(operation.MessageName, operation.PrimaryEntityName, changed))
        {
            // The solution's processes are custom workflows: CustomSync skips the real-time ones, CustomAsync the background ones.
            if (operation.Origin.Bypass is { } bypass && (process.Definition.IsRealTime ? bypass.Sync : bypass.Async))
            {
                continue;
            }

            var run = new WaitingProcess(
                process,
                new EntityReference(operation.PrimaryEntityName, operation.PrimaryEntityId),
                process.Definition.IsRealTime && process.Definition.RunAsCallingUser ? operation.UserId : process.OwnerId,
                operation.UserId,
                operation.MessageName,
                NextStep: 0,
                new Dictionary<string, object?>(StringComparer.Ordinal),
                Until: DateTime.MinValue);
            if (process.Definition.IsRealTime)
            {
                // Real-time: inside the operation's transaction, at its post-operation stage; a failure fails the operation.
                RunRealTime(run, operation.RequireTransaction());
            }
            else
            {
                operation.RequireTransaction().AfterCommit(() => Run(run));
            }
        }
    }

    private void RunRealTime(WaitingProcess run, Storage.Transaction transaction)
    {
        foreach (var step in run.Process.Definition.Steps)
        {
            switch (step)
            {
                case GetPrimaryEntityProperty read:
                    run.Variables[read.Variable] = ReadPrimary(run.Primary, read.Attribute, transaction);
                    break;
                case CustomActivityStep custom:
                    RunActivity(custom, run.Process.ActivityTypes[custom], run, transaction);
                    break;
                default:
                    throw new NotSupportedException($"Step {step.GetType().Name} is not supported in a real-time process by the local runtime.");
            }
        }
    }

    /// <summary>Resumes the waiting processes whose time has come; returns how many resumed.</summary>
    public int ResumeDue()
    {
        var now = runtime.Clock.GetUtcNow().UtcDateTime;
        var still = new List<WaitingProcess>();
        var due = new List<WaitingProcess>();
        while (_waiting.TryDequeue(out var waiting))
        {
            (waiting.Until <= now ? due : still).Add(waiting);
        }

        foreach (var waiting in still)
        {
            _waiting.Enqueue(waiting);
        }

        foreach (var waiting in due)
        {
            Run(waiting);
        }

        return due.Count;
    }

    private void Run(WaitingProcess run)
    {
        var steps = run.Process.Definition.Steps;
        var current = typeof(ProcessRunner);
        try
        {
            for (var index = run.NextStep; index < steps.Count; index++)
            {
                switch (steps[index])
                {
                    case GetPrimaryEntityProperty read:
                        run.Variables[read.Variable] = ReadPrimary(run.Primary, read.Attribute, transaction: null);
                        break;
                    case WaitUntil wait when run.Variables.GetValueOrDefault(wait.Variable) is DateTime until && until > runtime.Clock.GetUtcNow().UtcDateTime:
                        _waiting.Enqueue(run with { NextStep = index + 1, Until = until });
                        return;
                    case WaitUntil:
                        break;
                    case CustomActivityStep custom:
                        current = run.Process.ActivityTypes[custom];
                        RunActivity(custom, current, run, transaction: null);
                        break;
                    default:
                        throw new NotSupportedException($"Step {steps[index].GetType().Name} is not supported by the local runtime.");
                }
            }

            Record(run, current, error: null);
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            Record(run, current, fault.Detail.Message);
        }
    }

    private object? ReadPrimary(EntityReference primary, string attribute, Storage.Transaction? transaction)
    {
        var row = transaction is null ? runtime.Store.Find(primary.LogicalName, primary.Id) : transaction.Find(primary.LogicalName, primary.Id);
        if (row is null)
        {
            return null;
        }

        var primaryId = runtime.Metadata.FindTable(primary.LogicalName)?.PrimaryIdAttribute;
        return string.Equals(attribute, primaryId, StringComparison.Ordinal)
            ? new EntityReference(primary.LogicalName, primary.Id)
            : row.Attributes.TryGetValue(attribute, out var value) ? value : null;
    }

    private void RunActivity(CustomActivityStep step, Type type, WaitingProcess run, Storage.Transaction? transaction)
    {
        var inputs = step.Inputs.ToDictionary(
            input => input.Key,
            input => input.Value.Variable is { } name ? run.Variables.GetValueOrDefault(name) : input.Value.Literal,
            StringComparer.Ordinal);
        var activity = (CodeActivity)(Activator.CreateInstance(type) ?? throw new InvalidOperationException($"Could not create {type.FullName}."));
        var outputs = new WorkflowActivityRunner(runtime).Run(activity, inputs, run.Primary, run.UserId, run.Message, transaction, run.InitiatingUserId);
        foreach (var (argument, variable) in step.Outputs)
        {
            run.Variables[variable] = outputs.GetValueOrDefault(argument);
        }
    }

    private void Record(WaitingProcess run, Type lastStep, string? error) =>
        runtime.AsyncOperations.Record(new AsyncOperationResult(lastStep, run.Message, run.Primary.LogicalName, run.Primary.Id, error is null, error, run.Process.Definition.Name));

    /// <summary>
    /// A process run with where it stands: the next step, its variables and, when waiting, until when. UserId is the
    /// workflow's user (IWorkflowContext.UserId): the process owner for a background process; for a real-time one the
    /// triggering user when its RunAs is 1 (calling user), else the owner. InitiatingUserId is who triggered it.
    /// </summary>
    private sealed record WaitingProcess(
        ActivatedProcess Process,
        EntityReference Primary,
        Guid UserId,
        Guid InitiatingUserId,
        string Message,
        int NextStep,
        Dictionary<string, object?> Variables,
        DateTime Until);
}
