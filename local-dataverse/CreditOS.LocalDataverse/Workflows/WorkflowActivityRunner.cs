using System.Activities;
using System.Reflection;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.LocalDataverse.Workflows;

/// <summary>
/// Runs one custom workflow activity as a background workflow step on a record: inputs are set on its
/// InArgument properties (by property name), it gets IWorkflowContext, IOrganizationServiceFactory and
/// ITracingService as extensions, and its OutArgument values are returned. Background workflows run
/// outside a transaction: each service call the activity makes is its own transaction.
/// </summary>
internal sealed class WorkflowActivityRunner(DataverseRuntime runtime)
{
    private const int BackgroundMode = 0;
    private const int RealTimeMode = 1;

    public IReadOnlyDictionary<string, object?> Run(
        CodeActivity activity,
        IReadOnlyDictionary<string, object?> inputs,
        EntityReference primaryEntity,
        Guid userId,
        string messageName,
        Storage.Transaction? realTimeTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(primaryEntity);
        var arguments = activity.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(Argument).IsAssignableFrom(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);

        var workflowContext = new LocalWorkflowContext
        {
            BusinessUnitId = runtime.Users.BusinessUnitOf(userId),
            CorrelationId = Guid.NewGuid(),
            Depth = 1,
            InitiatingUserId = userId,
            MessageName = messageName,
            OperationCreatedOn = runtime.Clock.GetUtcNow().UtcDateTime,
            OperationId = Guid.NewGuid(),
            OrganizationId = runtime.OrganizationId,
            OrganizationName = runtime.OrganizationName,
            PrimaryEntityId = primaryEntity.Id,
            PrimaryEntityName = primaryEntity.LogicalName,
            RequestId = Guid.NewGuid(),
            UserId = userId,
            WorkflowMode = realTimeTransaction is null ? BackgroundMode : RealTimeMode,
        };
        var accounting = new PluginExecution(activity.GetType(), messageName, primaryEntity.LogicalName, stage: 0, mode: 1, depth: 1);
        var tracing = new LocalTracingService();
        // A real-time step's calls join the triggering operation's transaction; a background step's are each their own.
        var origin = new CallOrigin(userId, userId, CallerDepth: 1, Transaction: realTimeTransaction, workflowContext, workflowContext.CorrelationId, accounting);
        var factory = new PluginServiceFactory(runtime, origin);
        var context = new CodeActivityContext(type =>
            type == typeof(IWorkflowContext) || type == typeof(IExecutionContext) ? workflowContext
            : type == typeof(ITracingService) ? tracing
            : type == typeof(IOrganizationServiceFactory) ? factory
            : null!);

        foreach (var (name, value) in inputs)
        {
            var property = arguments.GetValueOrDefault(name)
                ?? throw new ArgumentException($"{activity.GetType().Name} has no argument named {name}.", nameof(inputs));
            if (property.GetValue(activity) is not Argument argument || argument.Direction == ArgumentDirection.Out)
            {
                throw new ArgumentException($"{activity.GetType().Name}.{name} is not an input argument (or is not initialised).", nameof(inputs));
            }

            // An empty column read into a value-type argument (a date) leaves it unset, as the workflow runtime does.
            if (value is not null || !argument.ArgumentType.IsValueType)
            {
                context.SetValue(argument, value);
            }
        }

        foreach (var required in arguments.Values.Where(p => p.GetCustomAttribute<RequiredArgumentAttribute>() is not null))
        {
            if (!inputs.ContainsKey(required.Name))
            {
                throw new ArgumentException($"{activity.GetType().Name}.{required.Name} is a required argument and has no value.", nameof(inputs));
            }
        }

        runtime.Record(accounting);
        try
        {
            activity.RunWith(context);
            accounting.Succeeded = true;
        }
        catch (Exception exception)
        {
            var fault = PluginFaults.From(exception, activity.GetType(), tracing.ToString());
            accounting.Error = fault.Detail.Message;
            throw fault;
        }
        finally
        {
            accounting.Trace = tracing.ToString();
        }

        return arguments.Values
            .Select(p => (p.Name, Argument: p.GetValue(activity) as Argument))
            .Where(a => a.Argument is { Direction: ArgumentDirection.Out or ArgumentDirection.InOut })
            .ToDictionary(a => a.Name, a => (object?)context.GetValue(a.Argument!), StringComparer.Ordinal);
    }
}
