using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

/// <summary>Execution context as the platform fills it; settable so each test states what it needs.</summary>
internal sealed class FakeExecutionContext : IPluginExecutionContext, IWorkflowContext
{
    public Guid BusinessUnitId { get; set; }

    public Guid CorrelationId { get; set; } = new("0c0c0c0c-0000-4000-8000-000000000001");

    public int Depth { get; set; } = 1;

    public Guid InitiatingUserId { get; set; }

    public ParameterCollection InputParameters { get; } = [];

    public bool IsExecutingOffline { get; set; }

    public bool IsInTransaction { get; set; } = true;

    public bool IsOfflinePlayback { get; set; }

    public int IsolationMode { get; set; } = 2;

    public string MessageName { get; set; } = "Update";

    public int Mode { get; set; }

    public DateTime OperationCreatedOn { get; set; } = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    public Guid OperationId { get; set; }

    public Guid OrganizationId { get; set; }

    public string OrganizationName { get; set; } = "creditos";

    public ParameterCollection OutputParameters { get; } = [];

    public EntityReference OwningExtension { get; set; } = null!;

    public EntityImageCollection PostEntityImages { get; } = [];

    public EntityImageCollection PreEntityImages { get; } = [];

    public Guid PrimaryEntityId { get; set; } = new("0a0a0a0a-0000-4000-8000-000000000001");

    public string PrimaryEntityName { get; set; } = "account";

    public Guid? RequestId { get; set; }

    public string SecondaryEntityName { get; set; } = "none";

    public ParameterCollection SharedVariables { get; } = [];

    public Guid UserId { get; set; } = new("0b0b0b0b-0000-4000-8000-000000000001");

    public int Stage { get; set; } = 20;

    public IPluginExecutionContext ParentContext => null!;

    IWorkflowContext IWorkflowContext.ParentContext => null!;

    public string StageName { get; set; } = "PostOperation";

    public int WorkflowCategory { get; set; }

    public int WorkflowMode { get; set; }
}

internal sealed class RecordingTracingService : ITracingService
{
    public List<string> Lines { get; } = [];

    public string Text => string.Join(Environment.NewLine, Lines);

    public void Trace(string format, params object[] args) => Lines.Add(string.Format(CultureInfo.InvariantCulture, format, args));
}

/// <summary>Records which user each service was created for; fails every call with the given exception, if any.</summary>
internal sealed class FakeServiceFactory : IOrganizationServiceFactory
{
    public List<Guid?> CreatedFor { get; } = [];

    public Exception? FailWith { get; set; }

    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        CreatedFor.Add(userId);
        return new FailingService(this);
    }

    private sealed class FailingService(FakeServiceFactory owner) : IOrganizationService
    {
        public Guid Create(Entity entity) => throw Failure();

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => throw Failure();

        public void Update(Entity entity) => throw Failure();

        public void Delete(string entityName, Guid id) => throw Failure();

        public OrganizationResponse Execute(OrganizationRequest request) => throw Failure();

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw Failure();

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw Failure();

        public EntityCollection RetrieveMultiple(QueryBase query) => throw Failure();

        private Exception Failure() => owner.FailWith ?? new NotSupportedException("This fake only fails.");
    }
}

internal sealed class FakeServiceProvider(FakeExecutionContext context, RecordingTracingService tracing, FakeServiceFactory factory) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IPluginExecutionContext) ? context
        : serviceType == typeof(ITracingService) ? tracing
        : serviceType == typeof(IOrganizationServiceFactory) ? factory
        : null;
}
