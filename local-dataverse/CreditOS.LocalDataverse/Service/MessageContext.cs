using CreditOS.LocalDataverse.Storage;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>One operation going through the pipeline: its parameters, its target row and its transaction.</summary>
internal sealed class MessageContext(DataverseRuntime runtime, OrganizationRequest request, CallOrigin origin, int depth)
{
    private Security.Principal? _principal;
    private ParameterCollection? _operationSharedVariables;
    private Guid? _operationId;
    private Guid? _requestId;
    private string? _preValidationName;
    private Guid _preValidationId;
    private IPluginExecutionContext? _preValidationContext;

    public DataverseRuntime Runtime { get; } = runtime;

    public OrganizationRequest Request { get; } = request;

    public string MessageName { get; } = request.RequestName;

    public CallOrigin Origin { get; } = origin;

    public int Depth { get; } = depth;

    public Guid UserId => Origin.UserId;

    /// <summary>The impersonating user acting for <see cref="UserId"/>, Guid.Empty without impersonation.</summary>
    public Guid DelegateUserId => Origin.DelegateUserId;

    public MetadataCatalog Metadata => Runtime.Metadata;

    /// <summary>The request's parameters as plug-ins see them (a private copy; stage 10/20 changes are what gets saved).</summary>
    public ParameterCollection Input { get; } = CopyParameters(request.Parameters);

    public ParameterCollection Output { get; } = new();

    /// <summary>
    /// One collection for every stage of the operation. The request's optional <c>tag</c> parameter starts in it: "Use the tag
    /// parameter to include a shared variable value that is accessible within a plug-in … use the IExecutionContext.SharedVariables
    /// collection" (Use optional parameters, "Add a shared variable to the plugin execution context"); it was not passed on.
    /// </summary>
    public ParameterCollection SharedVariables { get; } = SharedVariablesOf(request);

    /// <summary>
    /// The shared variables of stages 20 and 40 (and the asynchronous steps). For Create, Update and Delete they are another
    /// collection than stage 10's: "For a plug-in registered for the PreOperation or PostOperation stages to access the shared
    /// variables from a plug-in registered for the PreValidation stage that executes on Create, Update, Delete … you must access
    /// the ParentContext.SharedVariables collection. For all other cases, IPluginExecutionContext.SharedVariables contains the
    /// collection" (Understand the execution context, "Shared variables",
    /// learn.microsoft.com/power-apps/developer/data-platform/understand-the-data-context). The <c>tag</c> is in both.
    /// </summary>
    public ParameterCollection OperationSharedVariables => _operationSharedVariables ??= SplitsSharedVariables(MessageName) ? SharedVariablesOf(Request) : SharedVariables;

    /// <summary>
    /// The parent context of the stage 20 and 40 steps of Create, Update and Delete: the operation as its pre-validation
    /// steps saw it, whose SharedVariables are theirs (set by the pipeline after stage 10); null for other messages, and for a
    /// message another one generated, whose steps have the generating operation's context as parent.
    /// </summary>
    /// <remarks>
    /// Made when first read (session 29): a nested Create or Update that runs no stage 20 or 40 step made the context, and
    /// drew the operation's two ids for it, for nobody to read. What it holds is what it held when made after stage 10: the
    /// table and row id as they were then (kept by <see cref="KeepPreValidationContext"/>: a Create's id is set later, by its
    /// core operation), the ids once drawn, the user's business unit, the operation's collections by reference.
    /// </remarks>
    public IPluginExecutionContext? PreValidationContext =>
        _preValidationName is { } name ? _preValidationContext ??= Runtime.Invoker.PreValidationContext(this, name, _preValidationId) : null;

    /// <summary>From now on (after stage 10) the operation has a pre-validation context, made when first read, naming the row as it stands now.</summary>
    public void KeepPreValidationContext() => (_preValidationName, _preValidationId) = (PrimaryEntityName, PrimaryEntityId);

    public static bool SplitsSharedVariables(string message) =>
        message is MessageNames.Create or MessageNames.Update or MessageNames.Delete;

    public string PrimaryEntityName { get; set; } = "none";

    public Guid PrimaryEntityId { get; set; }

    public Guid CorrelationId { get; } = origin.CorrelationId ?? OperationIds.New();

    // Drawn when first read (a plug-in's context, an asynchronous operation): most nested operations run no step and never
    // read them, and drawing costs (OperationIds). Once drawn the value stays for the operation.
    public Guid OperationId => _operationId ??= OperationIds.New();

    public Guid RequestId => _requestId ??= Request.RequestId ?? OperationIds.New();

    public DateTime OperationCreatedOn { get; } = runtime.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The caller's roles, privileges and profiles, read once per operation from the rows it sees.</summary>
    public Security.Principal Principal => _principal ??= new Security.PrincipalReader(Runtime, Transaction ?? Origin.Transaction).Read(UserId);

    /// <summary>Set once the operation's transaction exists (after stage 10 at top level).</summary>
    public Transaction? Transaction { get; set; }

    public Transaction RequireTransaction() =>
        Transaction ?? throw new InvalidOperationException("The core operation runs only inside its transaction.");

    /// <summary>The row as this operation sees it: its transaction's view, or committed data before the transaction starts.</summary>
    public Entity? FindRow(string table, Guid id) =>
        (Transaction ?? Origin.Transaction) is { } transaction ? transaction.Find(table, id) : Runtime.Store.Find(table, id);

    public bool RowExists(string table, Guid id) => Runtime.Store.HasTable(table) && FindRow(table, id) is not null;

    public T RequireInput<T>(string name) where T : class =>
        Input.TryGetValue(name, out var value) && value is T typed
            ? typed
            : throw Faults.DataverseFault.InvalidArgument($"Required field '{name}' is missing or is not a {typeof(T).Name}.");

    /// <summary>
    /// Runs another message inside this operation's transaction at the same depth (Upsert → Create, Assign → Update), with this
    /// operation's context as its steps' ParentContext (<see cref="Pipeline.GeneratingOperationContext"/>).
    /// </summary>
    /// <param name="onOtherRows">
    /// A cascade to other rows (Delete's, Assign's): the client's bypass of custom logic does not reach it, as "If a plug-in or
    /// workflow … performs operations on other records, the logic for those operations aren't bypassed. Only those plugins or
    /// workflows that apply to the specific operation are bypassed" (Bypass custom Dataverse logic, FAQ). The message that carries
    /// out this operation itself (Upsert's Create, Assign's Update) keeps it.
    /// </param>
    public OrganizationResponse ExecuteWithin(OrganizationRequest inner, bool onOtherRows = false) =>
        Runtime.Processor.Execute(
            inner,
            Origin with
            {
                Bypass = onOtherRows ? null : Origin.Bypass,
                CallerDepth = Depth - 1,
                Transaction = RequireTransaction(),
                CorrelationId = CorrelationId,
                Accounting = null,
                ParentContext = new Pipeline.GeneratingOperationContext(Runtime, this),
                Generated = true,
            });

    private static ParameterCollection SharedVariablesOf(OrganizationRequest request)
    {
        var shared = new ParameterCollection();
        if (request.Parameters.TryGetValue(ParameterNames.Tag, out var tag) && tag is not null)
        {
            shared[ParameterNames.Tag] = tag;
        }

        return shared;
    }

    private static ParameterCollection CopyParameters(ParameterCollection parameters)
    {
        var copy = new ParameterCollection();
        copy.EnsureCapacity(parameters.Count);
        foreach (var parameter in parameters.Entries)
        {
            copy[parameter.Key] = Values.ValueCopier.Copy(parameter.Value);
        }

        return copy;
    }
}

