namespace Microsoft.Xrm.Sdk;

/// <summary>The execution context as the platform builds it: every value settable, collections created empty.</summary>
public sealed class RemoteExecutionContext : IPluginExecutionContext
{
    public Guid BusinessUnitId { get; set; }

    public Guid CorrelationId { get; set; }

    public int Depth { get; set; }

    public Guid InitiatingUserAzureActiveDirectoryObjectId { get; set; }

    public Guid InitiatingUserId { get; set; }

    public ParameterCollection InputParameters { get; } = new ParameterCollection();

    public bool IsExecutingOffline { get; set; }

    public bool IsInTransaction { get; set; }

    public bool IsOfflinePlayback { get; set; }

    public int IsolationMode { get; set; }

    public string MessageName { get; set; }

    public int Mode { get; set; }

    public DateTime OperationCreatedOn { get; set; }

    public Guid OperationId { get; set; }

    public Guid OrganizationId { get; set; }

    public string OrganizationName { get; set; }

    public ParameterCollection OutputParameters { get; } = new ParameterCollection();

    public EntityReference OwningExtension { get; set; }

    public RemoteExecutionContext ParentContext { get; set; }

    IPluginExecutionContext IPluginExecutionContext.ParentContext => ParentContext;

    public EntityImageCollection PostEntityImages { get; } = new EntityImageCollection();

    public EntityImageCollection PreEntityImages { get; } = new EntityImageCollection();

    public Guid PrimaryEntityId { get; set; }

    public string PrimaryEntityName { get; set; }

    public Guid? RequestId { get; set; }

    public string SecondaryEntityName { get; set; }

    public ParameterCollection SharedVariables { get; } = new ParameterCollection();

    public int Stage { get; set; }

    public Guid UserAzureActiveDirectoryObjectId { get; set; }

    public Guid UserId { get; set; }
}
