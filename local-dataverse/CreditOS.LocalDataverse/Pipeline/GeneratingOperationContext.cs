using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// The context of an operation whose core operation generates another message (Assign, SetState and Associate an Update, Upsert a
/// Create or an Update, a cascading Delete or Assign its children's, AddToQueue a queue item's Create or Update): the ParentContext
/// of the generated operation's steps. "Pipeline execution of the AssignRequest results in the internal generation of an
/// UpdateRequest. Any plug-in registered in stage 20 or 40 for an update request will have the ParentContext property set to the
/// execution context of the original assign request" (IPluginExecutionContext.ParentContext, Remarks,
/// learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.ipluginexecutioncontext.parentcontext). Its values are the generating
/// operation's, read when asked (most generated operations run no step, and the ids are drawn on first read); which Stage Dataverse
/// reports for it is not published, so reading it fails loudly instead of guessing one.
/// </summary>
internal sealed class GeneratingOperationContext(DataverseRuntime runtime, MessageContext operation) : IPluginExecutionContext
{
    public Guid BusinessUnitId => runtime.Users.BusinessUnitOf(operation.UserId);

    public Guid CorrelationId => operation.CorrelationId;

    public int Depth => operation.Depth;

    public Guid InitiatingUserId => operation.Origin.InitiatingUserId;

    public ParameterCollection InputParameters => operation.Input;

    public bool IsExecutingOffline => false;

    /// <summary>The generated message runs inside the generating operation's transaction.</summary>
    public bool IsInTransaction => true;

    public bool IsOfflinePlayback => false;

    public int IsolationMode => 2;

    public string MessageName => operation.MessageName;

    public int Mode => 0;

    public DateTime OperationCreatedOn => operation.OperationCreatedOn;

    public Guid OperationId => operation.OperationId;

    public Guid OrganizationId => runtime.OrganizationId;

    public string OrganizationName => runtime.OrganizationName;

    public ParameterCollection OutputParameters => operation.Output;

    /// <summary>No one step owns the operation.</summary>
    public EntityReference OwningExtension => null!;

    public EntityImageCollection PostEntityImages { get; } = new();

    public EntityImageCollection PreEntityImages { get; } = new();

    public Guid PrimaryEntityId => operation.PrimaryEntityId;

    public string PrimaryEntityName => operation.PrimaryEntityName;

    public Guid? RequestId => operation.RequestId;

    public string SecondaryEntityName => "none";

    public ParameterCollection SharedVariables => operation.OperationSharedVariables;

    public Guid UserId => operation.UserId;

    /// <summary>What the generating operation's own stage 20 and 40 steps have as parent.</summary>
    public IPluginExecutionContext ParentContext =>
        operation.PreValidationContext ?? (operation.Origin.ParentContext as IPluginExecutionContext)!;

    public int Stage => throw new NotSupportedException(
        $"The local Dataverse does not know the Stage Dataverse gives the context of the {MessageName} that generated this operation " +
        "(IPluginExecutionContext.ParentContext documents only that it is that request's context). Read its MessageName, " +
        "PrimaryEntityName, PrimaryEntityId or InputParameters instead.");
}
