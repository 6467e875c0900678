using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Storage;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// The event pipeline of one operation: stage 10 (outside the transaction at top level, inside the
/// caller's when nested), then in the transaction the privilege checks, stage 20, the core operation, stage 40; commit at top
/// level; asynchronous steps after commit. Any failure rolls back everything the transaction wrote.
/// </summary>
internal sealed class PipelineRunner(DataverseRuntime runtime)
{
    private const string UpdateMessage = MessageNames.Update;

    public OrganizationResponse Run(IMessageHandler handler, OrganizationRequest request, CallOrigin origin, int depth)
    {
        var operation = new MessageContext(runtime, request, origin, depth);
        var outer = origin.Transaction;
        Transaction? own = null;
        try
        {
            handler.Describe(operation);
            var committedRow = CaptureRow(operation);
            RunStage(operation, PipelineStageNumber.PreValidation, outer, committedRow, after: null);
            // A generated message's stage 20 and 40 steps have the generating operation's context as parent (origin.ParentContext),
            // as IPluginExecutionContext.ParentContext documents for the Update an Assign generates.
            if (MessageContext.SplitsSharedVariables(operation.MessageName) && !origin.Generated)
            {
                operation.KeepPreValidationContext();
            }

            own = outer is null ? runtime.BeginTransaction() : null;
            operation.Transaction = outer ?? own;
            // Security checks come after stage 10 and before stage 20 (Microsoft's "Event execution pipeline").
            handler.Authorize(operation);
            if (StateUpdateSplit.Parts(operation) is { } parts)
            {
                foreach (var part in parts)
                {
                    if (part != parts[0])
                    {
                        StateUpdateSplit.Follow(part, CaptureRow(operation));
                    }

                    operation.Input[ParameterNames.Target] = part;
                    RunCore(handler, operation);
                }
            }
            else
            {
                RunCore(handler, operation);
            }

            var response = handler.Respond(operation);
            if (own is not null)
            {
                runtime.AsyncOperations.Enqueue(own.Commit());
            }

            return response;
        }
        catch (Exception exception)
        {
            if (own is not null)
            {
                own.Rollback();
            }
            else
            {
                outer?.Doom($"{operation.MessageName} of {operation.PrimaryEntityName} failed: {exception.Message}");
            }

            throw;
        }
    }

    /// <summary>Stages 20, 30 and 40 inside the transaction, then the asynchronous steps and processes the pass queues.</summary>
    private void RunCore(IMessageHandler handler, MessageContext operation)
    {
        var before = CaptureRow(operation);
        RunStage(operation, PipelineStageNumber.PreOperation, operation.Transaction, before, after: null);

        handler.Execute(operation);

        var after = CaptureRow(operation);
        RunStage(operation, PipelineStageNumber.PostOperation, operation.Transaction, before, after);
        QueueAsynchronousSteps(operation, before, after);
        runtime.ProcessRunner.Queue(operation, after);
    }

    private void RunStage(MessageContext operation, PipelineStageNumber stage, Transaction? transaction, Entity? before, Entity? after)
    {
        foreach (var step in runtime.Steps.For(operation.MessageName, operation.PrimaryEntityName, stage, asynchronous: false))
        {
            if (!PassesFilter(step.Registration, operation) || Bypassed(step, operation))
            {
                continue;
            }

            var shared = stage == PipelineStageNumber.PreValidation ? operation.SharedVariables : operation.OperationSharedVariables;
            var parent = stage == PipelineStageNumber.PreValidation ? null : operation.PreValidationContext;
            runtime.Invoker.Invoke(Invocation(step, operation, transaction, before, after, operation.Input, operation.Output, shared, parent));
        }
    }

    private void QueueAsynchronousSteps(MessageContext operation, Entity? before, Entity? after)
    {
        var transaction = operation.RequireTransaction();
        foreach (var step in runtime.Steps.For(operation.MessageName, operation.PrimaryEntityName, PipelineStageNumber.PostOperation, asynchronous: true))
        {
            if (!PassesFilter(step.Registration, operation) || Bypassed(step, operation))
            {
                continue;
            }

            // An asynchronous step gets its own copy of the context, taken now, and runs outside any transaction; the
            // operation's ids are drawn now too (they are drawn on first read), not by whichever thread runs the step.
            _ = operation.OperationId;
            _ = operation.RequestId;
            var invocation = Invocation(
                step,
                operation,
                transaction: null,
                before,
                after,
                Copy(operation.Input),
                Copy(operation.Output),
                Copy(operation.OperationSharedVariables),
                operation.PreValidationContext);
            transaction.AfterCommit(() => runtime.AsyncOperations.RunStep(invocation));
        }
    }

    private StepInvocation Invocation(
        RegisteredStep step,
        MessageContext operation,
        Transaction? transaction,
        Entity? before,
        Entity? after,
        ParameterCollection input,
        ParameterCollection output,
        ParameterCollection shared,
        IPluginExecutionContext? parentContext)
    {
        var primaryId = runtime.Metadata.FindTable(operation.PrimaryEntityName)?.PrimaryIdAttribute ?? string.Empty;
        return new StepInvocation(
            step,
            operation,
            transaction,
            input,
            output,
            shared,
            ImageBuilder.PreImages(step.Registration, before, primaryId),
            ImageBuilder.PostImages(step.Registration, after, primaryId))
        {
            ParentContext = parentContext,
        };
    }

    /// <summary>A step the client asked to skip (MSCRM.BypassBusinessLogicExecution and the like; Security/BusinessLogicBypass).</summary>
    private static bool Bypassed(RegisteredStep step, MessageContext operation) =>
        operation.Origin.Bypass is { } bypass && bypass.Skips(step.Registration);

    /// <summary>Filtering attributes apply to Update: the step runs only when the target holds one of them.</summary>
    private static bool PassesFilter(PluginStepRegistration step, MessageContext operation)
    {
        if (step.FilteringAttributes.Count == 0 || !string.Equals(operation.MessageName, UpdateMessage, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!operation.Input.TryGetValue(ParameterNames.Target, out var target) || target is not Entity entity)
        {
            return false;
        }

        // The shorter side is walked (session 33): a step filtering on forty credit columns met a lock claim of three
        // columns by forty lookups in the target; now by three in the registration's set. Same answer either way.
        var filtering = step.FilteringAttributes;
        var attributes = entity.Attributes;
        if (attributes.Count < filtering.Count)
        {
            var set = FilteringSets.GetValue(step, static registration => new HashSet<string>(registration.FilteringAttributes, StringComparer.Ordinal));
            foreach (var attribute in attributes.Entries)
            {
                if (set.Contains(attribute.Key))
                {
                    return true;
                }
            }

            return false;
        }

        for (var index = 0; index < filtering.Count; index++)
        {
            if (attributes.ContainsKey(filtering[index]))
            {
                return true;
            }
        }

        return false;
    }

    // A registration's filtering attributes as a set, made once per registration (the target's keys compare ordinally).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PluginStepRegistration, HashSet<string>> FilteringSets = new();

    private Entity? CaptureRow(MessageContext operation) =>
        operation.PrimaryEntityId != Guid.Empty && runtime.Store.HasTable(operation.PrimaryEntityName)
            ? operation.FindRow(operation.PrimaryEntityName, operation.PrimaryEntityId)
            : null;

    private static ParameterCollection Copy(ParameterCollection parameters)
    {
        var copy = new ParameterCollection();
        foreach (var parameter in parameters)
        {
            copy[parameter.Key] = ValueCopier.Copy(parameter.Value);
        }

        return copy;
    }
}
