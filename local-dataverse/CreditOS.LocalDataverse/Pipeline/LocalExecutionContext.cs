using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>The execution context as Dataverse fills it, shared by plug-ins and workflow activities.</summary>
internal class LocalExecutionContext : IExecutionContext
{
    // The collections are made when first read unless the creator sets them: a step's context is always given the
    // operation's own, and an initializer's `= new()` built five collections per step only to drop them.

    public Guid BusinessUnitId { get; init; }

    public Guid CorrelationId { get; init; }

    public int Depth { get; init; }

    public Guid InitiatingUserId { get; init; }

    public ParameterCollection InputParameters { get => field ??= new(); init; }

    public bool IsExecutingOffline => false;

    public bool IsInTransaction { get; init; }

    public bool IsOfflinePlayback => false;

    /// <summary>2 = sandbox, where online plug-ins always run.</summary>
    public int IsolationMode => 2;

    public string MessageName { get; init; } = string.Empty;

    public int Mode { get; init; }

    public DateTime OperationCreatedOn { get; init; }

    public Guid OperationId { get; init; }

    public Guid OrganizationId { get; init; }

    public string OrganizationName { get; init; } = string.Empty;

    public ParameterCollection OutputParameters { get => field ??= new(); init; }

    public EntityReference OwningExtension { get; init; } = null!;

    public EntityImageCollection PostEntityImages { get => field ??= new(); init; }

    public EntityImageCollection PreEntityImages { get => field ??= new(); init; }

    public Guid PrimaryEntityId { get; init; }

    public string PrimaryEntityName { get; init; } = string.Empty;

    public Guid? RequestId { get; init; }

    public string SecondaryEntityName { get; init; } = "none";

    public ParameterCollection SharedVariables { get => field ??= new(); init; }

    public Guid UserId { get; init; }
}

/// <summary>A plug-in's execution context.</summary>
internal sealed class LocalPluginExecutionContext : LocalExecutionContext, IPluginExecutionContext
{
    public IPluginExecutionContext ParentContext { get; init; } = null!;

    public int Stage { get; init; }
}
