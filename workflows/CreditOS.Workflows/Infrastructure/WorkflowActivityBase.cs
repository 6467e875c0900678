using System.Activities;
using System.Globalization;
using CreditOS.Dataverse.Framework;

namespace CreditOS.Workflows.Infrastructure;

/// <summary>
/// Base of every creditOS custom workflow activity: builds the <see cref="LocalWorkflowContext"/>,
/// traces entry and exit with timings, and turns every failure into an InvalidPluginExecutionException
/// that keeps the cause, exactly as <see cref="PluginBase"/> does for plugins.
/// </summary>
public abstract class WorkflowActivityBase : CodeActivity
{
    protected sealed override void Execute(CodeActivityContext context)
    {
        var local = new LocalWorkflowContext(context);
        var name = GetType().FullName ?? GetType().Name;
        GuardedExecution.Run(local.TracingService, name, Describe(local), () => ExecuteCrmWorkflowActivity(local));
    }

    /// <summary>The activity's work. Throw InvalidPluginExecutionException to fail the step with a message.</summary>
    protected abstract void ExecuteCrmWorkflowActivity(LocalWorkflowContext context);

    private static string Describe(LocalWorkflowContext context) => string.Format(
        CultureInfo.InvariantCulture,
        "workflow step on {0} ({1}), message {2}, stage {3}, depth {4}, correlation {5}",
        context.PrimaryEntityName,
        context.PrimaryEntityId,
        context.MessageName,
        context.WorkflowContext.StageName,
        context.Depth,
        context.CorrelationId);
}
