using System.Activities;
using System.ServiceModel;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Workflows.Processes;

/// <summary>
/// Runs an activated process on a row after its triggering operation commits, as Dataverse's async service
/// runs a background workflow: its steps in order, each custom activity through the workflow-activity runner
/// (each service call its own transaction). A failing step stops the process and is recorded as a failed
/// system job; it never undoes the operation that triggered it.
/// </summary>
internal sealed class ProcessRunner(DataverseRuntime runtime)
{
    public void Queue(MessageContext operation, Entity? after)
    {
        if (after is null || runtime.Processes.Processes.Count == 0)
        {
            return;
        }

        var changed = operation.Input.TryGetValue(ParameterNames.Target, out var target) && target is Entity entity ? entity.Attributes.Keys : [];
        foreach (var process in runtime.Processes.For(operation.MessageName, operation.PrimaryEntityName, changed))
        {
            var primary = new EntityReference(operation.PrimaryEntityName, operation.PrimaryEntityId);
            var user = process.Definition.RunAsCallingUser ? operation.UserId : Users.UserDirectory.SystemUserId;
            var message = operation.MessageName;
            operation.RequireTransaction().AfterCommit(() => Run(process, primary, user, message));
        }
    }

    private void Run(ActivatedProcess process, EntityReference primary, Guid userId, string message)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        Type current = typeof(ProcessRunner);
        try
        {
            foreach (var step in process.Definition.Steps)
            {
                switch (step)
                {
                    case GetPrimaryEntityProperty read:
                        variables[read.Variable] = ReadPrimary(primary, read.Attribute);
                        break;
                    case CustomActivityStep custom:
                        current = process.ActivityTypes[custom];
                        RunActivity(custom, current, variables, primary, userId, message);
                        break;
                    default:
                        throw new NotSupportedException($"Step {step.GetType().Name} is not supported by the local runtime.");
                }
            }

            Record(process, current, primary, message, error: null);
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            Record(process, current, primary, message, fault.Detail.Message);
        }
    }

    private object? ReadPrimary(EntityReference primary, string attribute)
    {
        var row = runtime.Store.Find(primary.LogicalName, primary.Id);
        if (row is null)
        {
            return null;
        }

        var primaryId = runtime.Metadata.FindTable(primary.LogicalName)?.PrimaryIdAttribute;
        return string.Equals(attribute, primaryId, StringComparison.Ordinal)
            ? new EntityReference(primary.LogicalName, primary.Id)
            : row.Attributes.TryGetValue(attribute, out var value) ? value : null;
    }

    private void RunActivity(CustomActivityStep step, Type type, Dictionary<string, object?> variables, EntityReference primary, Guid userId, string message)
    {
        var inputs = step.Inputs.ToDictionary(
            input => input.Key,
            input => input.Value.Variable is { } name ? variables.GetValueOrDefault(name) : input.Value.Literal,
            StringComparer.Ordinal);
        var activity = (CodeActivity)(Activator.CreateInstance(type) ?? throw new InvalidOperationException($"Could not create {type.FullName}."));
        var outputs = new WorkflowActivityRunner(runtime).Run(activity, inputs, primary, userId, message);
        foreach (var (argument, variable) in step.Outputs)
        {
            variables[variable] = outputs.GetValueOrDefault(argument);
        }
    }

    private void Record(ActivatedProcess process, Type lastStep, EntityReference primary, string message, string? error) =>
        runtime.AsyncOperations.Record(new AsyncOperationResult(lastStep, message, primary.LogicalName, primary.Id, error is null, error, process.Definition.Name));
}
