using CreditOS.LocalDataverse.Pipeline;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.LocalDataverse.Workflows;

/// <summary>The IWorkflowContext a custom workflow activity gets from its CodeActivityContext.</summary>
internal sealed class LocalWorkflowContext : LocalExecutionContext, IWorkflowContext
{
    public IWorkflowContext ParentContext => null!;

    public string StageName => string.Empty;

    /// <summary>0 = workflow (not a dialog or action).</summary>
    public int WorkflowCategory => 0;

    /// <summary>0 = background, 1 = real-time.</summary>
    public int WorkflowMode { get; init; }
}
