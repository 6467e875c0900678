using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// What a plugin body needs, taken from the service provider once per execution: the execution
/// context, tracing, organization services (as the calling user and as the system), the Target and
/// the registered images by alias.
/// </summary>
public sealed class LocalPluginContext
{
    // Made on first use, without Lazy<T>: one execution's context is used by the thread that runs the plug-in, and two
    // Lazy instances with their delegates per execution were about 1% of a payment posting's bytes (session 29).
    private IOrganizationService? userService;
    private IOrganizationService? systemService;

    public LocalPluginContext(IServiceProvider serviceProvider)
    {
        ServiceProvider = serviceProvider ?? throw new InvalidPluginExecutionException("The plugin was run without a service provider.");
        PluginExecutionContext = serviceProvider.Require<IPluginExecutionContext>();
        TracingService = serviceProvider.Require<ITracingService>();
        ServiceFactory = serviceProvider.Require<IOrganizationServiceFactory>();
    }

    public IServiceProvider ServiceProvider { get; }

    public IPluginExecutionContext PluginExecutionContext { get; }

    public ITracingService TracingService { get; }

    public IOrganizationServiceFactory ServiceFactory { get; }

    /// <summary>Organization service running as the user the step runs as (security applies).</summary>
    public IOrganizationService UserService => userService ??= ServiceFactory.CreateOrganizationService(PluginExecutionContext.UserId);

    /// <summary>Organization service running as the system user (no security checks).</summary>
    public IOrganizationService SystemService => systemService ??= ServiceFactory.CreateOrganizationService(null);

    public string MessageName => PluginExecutionContext.MessageName;

    public PipelineStage Stage => (PipelineStage)PluginExecutionContext.Stage;

    public ExecutionMode Mode => (ExecutionMode)PluginExecutionContext.Mode;

    public string PrimaryEntityName => PluginExecutionContext.PrimaryEntityName;

    public Guid PrimaryEntityId => PluginExecutionContext.PrimaryEntityId;

    public int Depth => PluginExecutionContext.Depth;

    public Guid CorrelationId => PluginExecutionContext.CorrelationId;

    /// <summary>The organization the execution runs in (what process-wide caches are keyed by).</summary>
    public Guid OrganizationId => PluginExecutionContext.OrganizationId;

    public Guid UserId => PluginExecutionContext.UserId;

    public Guid InitiatingUserId => PluginExecutionContext.InitiatingUserId;

    /// <summary>When the platform started the operation: the clock plugin rules use.</summary>
    public DateTime OperationCreatedOn => PluginExecutionContext.OperationCreatedOn;

    /// <summary>The Target input parameter as an Entity (Create, Update, Upsert).</summary>
    public Entity TargetEntity =>
        TryGetTargetEntity(out var target)
            ? target
            : throw new InvalidPluginExecutionException($"{MessageName} of {PrimaryEntityName} has no Target entity.");

    /// <summary>
    /// The row the message acts on as a reference: the Target reference (Delete, Assign...) or the
    /// Target entity's reference, with the primary entity id filled in when the entity has none yet.
    /// </summary>
    public EntityReference TargetReference
    {
        get
        {
            var inputs = PluginExecutionContext.InputParameters;
            if (inputs.TryGetValue(Parameters.Target, out var target))
            {
                switch (target)
                {
                    case EntityReference reference:
                        return reference;
                    case Entity entity:
                        return new EntityReference(entity.LogicalName, entity.Id == Guid.Empty ? PrimaryEntityId : entity.Id);
                }
            }

            throw new InvalidPluginExecutionException($"{MessageName} of {PrimaryEntityName} has no Target.");
        }
    }

    public bool TryGetTargetEntity(out Entity target)
    {
        if (PluginExecutionContext.InputParameters.TryGetValue(Parameters.Target, out var value) && value is Entity entity)
        {
            target = entity;
            return true;
        }

        target = null!;
        return false;
    }

    /// <summary>The pre-image registered under the alias; a missing one is a registration error and is refused.</summary>
    public Entity GetPreImage(string alias) => RequireImage(PluginExecutionContext.PreEntityImages, alias, "pre-image");

    /// <summary>The post-image registered under the alias; a missing one is a registration error and is refused.</summary>
    public Entity GetPostImage(string alias) => RequireImage(PluginExecutionContext.PostEntityImages, alias, "post-image");

    public bool TryGetPreImage(string alias, out Entity image) => TryGetImage(PluginExecutionContext.PreEntityImages, alias, out image);

    public bool TryGetPostImage(string alias, out Entity image) => TryGetImage(PluginExecutionContext.PostEntityImages, alias, out image);

    /// <summary>
    /// A text column as the row stands once this Create, Update or Delete is done, for messages naming the row: the
    /// target's value (not on Delete, whose target is a reference), else the pre-image's under the alias, else null.
    /// </summary>
    public string? TextAfterWrite(string preImageAlias, string column)
    {
        var written = MessageName == Messages.Delete ? null : TargetEntity.GetAttributeValue<string>(column);
        return written ?? (MessageName != Messages.Create && TryGetPreImage(preImageAlias, out var before)
            ? before.GetAttributeValue<string>(column)
            : null);
    }

    /// <summary>The input parameter cast to T, or default when absent or null.</summary>
    public T? GetInputParameter<T>(string name) =>
        PluginExecutionContext.InputParameters.TryGetValue(name, out var value) && value is T typed ? typed : default;

    public void SetOutputParameter(string name, object value) => PluginExecutionContext.OutputParameters[name] = value;

    public void Trace(string format, params object[] args) => TracingService.Trace(format, args);

    private static bool TryGetImage(EntityImageCollection images, string alias, out Entity image)
    {
        if (images is not null && images.TryGetValue(alias, out var found) && found is not null)
        {
            image = found;
            return true;
        }

        image = null!;
        return false;
    }

    private Entity RequireImage(EntityImageCollection images, string alias, string kind) =>
        TryGetImage(images, alias, out var image)
            ? image
            : throw new InvalidPluginExecutionException(
                $"The {kind} '{alias}' is not available for {MessageName} of {PrimaryEntityName} at {Stage}: check the step's image registration.");
}
