using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Infrastructure;

/// <summary>
/// What an activity body needs, taken from the activity context once per execution: the workflow
/// context, tracing, the organization service and argument access.
/// There is deliberately no "system" service: in Dataverse every service a custom workflow activity creates, whatever
/// id it passes (null included), runs as <c>IWorkflowContext.UserId</c> (the process owner, or the calling user of a
/// real-time process run as that user). Work the credit flow must do as SYSTEM belongs in a Custom API whose plug-in
/// uses <c>CreateOrganizationService(null)</c>; the activity calls that API through <see cref="UserService"/>.
/// </summary>
public sealed class LocalWorkflowContext
{
    private readonly Lazy<IOrganizationService> userService;

    public LocalWorkflowContext(CodeActivityContext activityContext)
    {
        ActivityContext = activityContext ?? throw new InvalidPluginExecutionException("The activity was run without an activity context.");
        WorkflowContext = Require<IWorkflowContext>(activityContext);
        TracingService = Require<ITracingService>(activityContext);
        var factory = Require<IOrganizationServiceFactory>(activityContext);
        userService = new Lazy<IOrganizationService>(() => factory.CreateOrganizationService(WorkflowContext.UserId));
    }

    public CodeActivityContext ActivityContext { get; }

    public IWorkflowContext WorkflowContext { get; }

    public ITracingService TracingService { get; }

    /// <summary>Organization service running as the user the process runs as.</summary>
    public IOrganizationService UserService => userService.Value;

    public string MessageName => WorkflowContext.MessageName;

    public string PrimaryEntityName => WorkflowContext.PrimaryEntityName;

    public Guid PrimaryEntityId => WorkflowContext.PrimaryEntityId;

    /// <summary>The row the process runs on.</summary>
    public EntityReference PrimaryEntity => new(PrimaryEntityName, PrimaryEntityId);

    public int Depth => WorkflowContext.Depth;

    public Guid CorrelationId => WorkflowContext.CorrelationId;

    public Guid UserId => WorkflowContext.UserId;

    /// <summary>When the platform started the operation: the clock activity rules use.</summary>
    public DateTime OperationCreatedOn => WorkflowContext.OperationCreatedOn;

    public T Get<T>(InArgument<T> argument) => argument is null ? default! : argument.Get(ActivityContext);

    public void Set<T>(OutArgument<T> argument, T value)
    {
        if (argument is null)
        {
            throw new InvalidPluginExecutionException("An output argument of the activity is not bound.");
        }

        argument.Set(ActivityContext, value);
    }

    public void Trace(string format, params object[] args) => TracingService.Trace(format, args);

    private static T Require<T>(CodeActivityContext context)
        where T : class =>
        context.GetExtension<T>() ?? throw new InvalidPluginExecutionException($"The workflow host did not provide {typeof(T).Name}.");
}
