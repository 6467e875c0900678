using System.Activities;
using System.Reflection;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Workflows;
using CreditOS.LocalDataverse.Workflows.Processes;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse;

/// <summary>
/// An in-memory Dataverse environment: metadata, rows, users, registered plug-ins, and organization
/// services that behave as Dataverse's (validation, transactions, row locks, the event pipeline).
/// </summary>
public sealed class LocalDataverse : IDisposable
{
    private readonly DataverseRuntime _runtime;

    public LocalDataverse()
        : this(new LocalDataverseOptions())
    {
    }

    public LocalDataverse(LocalDataverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = new DataverseRuntime(options.Metadata ?? DefaultMetadata.Load(), options);
    }

    public MetadataCatalog Metadata => _runtime.Metadata;

    public TimeProvider Clock => _runtime.Clock;

    /// <summary>The SYSTEM user: the caller of GetOrganizationService() and of CreateOrganizationService(null) in plug-ins.</summary>
    public Guid SystemUserId => UserDirectory.SystemUserId;

    public Guid RootBusinessUnitId => UserDirectory.RootBusinessUnitId;

    public Guid OrganizationId => _runtime.OrganizationId;

    /// <summary>The organization's base currency (Organization.BaseCurrencyID): a transactioncurrency row from the start, exchange rate 1.</summary>
    public Guid BaseCurrencyId => _runtime.Currencies.Base.Id;

    /// <summary>
    /// Sets the user's default currency, the Currency of their personal options (usersettings.transactioncurrencyid): rows
    /// they create without a currency get it instead of the base currency. Null clears it.
    /// </summary>
    public void SetUserDefaultCurrency(Guid userId, Guid? currencyId) => _runtime.Currencies.SetUserDefault(userId, currencyId);

    /// <summary>Every step registered, in registration order.</summary>
    public IReadOnlyList<PluginStepRegistration> RegisteredSteps => _runtime.Steps.Steps;

    /// <summary>Every plug-in and workflow activity execution so far, in the order they started, with call accounting and trace.</summary>
    public IReadOnlyList<PluginExecution> PluginExecutions => _runtime.Executions;

    /// <summary>Outcomes of asynchronous steps that have run.</summary>
    public IReadOnlyList<AsyncOperationResult> AsyncOperations => _runtime.AsyncOperations.Results;

    /// <summary>Asynchronous steps waiting (only when RunAsyncStepsImmediately is off).</summary>
    public int PendingAsyncOperations => _runtime.AsyncOperations.PendingCount;

    /// <summary>Transactions currently waiting for a row lock (lets concurrency tests wait for a known state without sleeping).</summary>
    public int TransactionsWaitingForLocks => _runtime.Locks.WaitingCount;

    /// <summary>Who waits on the committed-row store right now (for diagnosing a caller that stalls).</summary>
    public string StoreLockState => _runtime.Store.LockState;

    public Guid CreateUser(string fullName, Guid? id = null, Guid? businessUnitId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        return _runtime.Users.AddUser(id ?? Guid.NewGuid(), fullName, businessUnitId ?? RootBusinessUnitId);
    }

    /// <summary>
    /// Gives the user their Microsoft Entra object id (systemuser.azureactivedirectoryobjectid, read-only through the API,
    /// written here as the directory sync writes it). The Web API's CallerObjectId header impersonates the user by it.
    /// </summary>
    public void SetUserEntraObjectId(Guid userId, Guid objectId) => _runtime.Users.SetEntraObjectId(userId, objectId);

    /// <summary>A business unit under <paramref name="parentBusinessUnitId"/> (the root business unit when null).</summary>
    public Guid CreateBusinessUnit(string name, Guid? id = null, Guid? parentBusinessUnitId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _runtime.Users.AddBusinessUnit(id ?? Guid.NewGuid(), name, parentBusinessUnitId);
    }

    /// <summary>The System Administrator role: every table privilege at organization depth (not secured columns: those need a profile).</summary>
    public Guid SystemAdministratorRoleId => SecurityModel.SystemAdministratorRoleId;

    /// <summary>The built-in System Administrator field security profile: read, create and update on every secured column.</summary>
    public Guid SystemAdministratorProfileId => SecurityModel.SystemAdministratorProfileId;

    /// <summary>The id of a security role the solution ships (src/Roles), by its name.</summary>
    public Guid SolutionRoleId(string name) =>
        _runtime.Security.SolutionRoles.FirstOrDefault(r => r.Name == name) is { Id: var id } && id != Guid.Empty
            ? id
            : throw new ArgumentException($"The solution ships no security role named '{name}'; it has: {string.Join(", ", _runtime.Security.SolutionRoles.Select(r => r.Name))}.", nameof(name));

    /// <summary>The id of a field security profile the solution ships, by its name.</summary>
    public Guid SolutionFieldSecurityProfileId(string name) =>
        _runtime.Security.SolutionProfiles.FirstOrDefault(p => p.Name == name) is { Id: var id } && id != Guid.Empty
            ? id
            : throw new ArgumentException($"The solution ships no field security profile named '{name}'; it has: {string.Join(", ", _runtime.Security.SolutionProfiles.Select(p => p.Name))}.", nameof(name));

    /// <summary>Gives the user a security role (systemuserroles), as an administrator would, through Associate as SYSTEM.</summary>
    public void AssignRole(Guid userId, Guid roleId) =>
        SystemService.Associate(UserDirectory.SystemUserTable, userId, new Relationship("systemuserroles_association"), [new EntityReference("role", roleId)]);

    /// <summary>Gives a team a security role (teamroles); its members hold it through the team.</summary>
    public void AssignTeamRole(Guid teamId, Guid roleId) =>
        SystemService.Associate("team", teamId, new Relationship("teamroles_association"), [new EntityReference("role", roleId)]);

    /// <summary>Makes the user a member of the team (teammembership).</summary>
    public void AddTeamMember(Guid teamId, Guid userId) =>
        SystemService.Associate("team", teamId, new Relationship("teammembership_association"), [new EntityReference(UserDirectory.SystemUserTable, userId)]);

    /// <summary>Adds the user to a field security profile (systemuserprofiles).</summary>
    public void AssignFieldSecurityProfile(Guid userId, Guid profileId) =>
        SystemService.Associate(UserDirectory.SystemUserTable, userId, new Relationship("systemuserprofiles_association"), [new EntityReference("fieldsecurityprofile", profileId)]);

    /// <summary>Adds a team to a field security profile (teamprofiles); its members get the profile's permissions.</summary>
    public void AssignTeamFieldSecurityProfile(Guid teamId, Guid profileId) =>
        SystemService.Associate("team", teamId, new Relationship("teamprofiles_association"), [new EntityReference("fieldsecurityprofile", profileId)]);

    /// <summary>An owner team in the business unit (the root one when null), administered by SYSTEM.</summary>
    public Guid CreateTeam(string name, Guid? businessUnitId = null, Guid? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SystemService.Create(new Entity("team", id ?? Guid.NewGuid())
        {
            ["name"] = name,
            ["businessunitid"] = new EntityReference(UserDirectory.BusinessUnitTable, businessUnitId ?? RootBusinessUnitId),
            ["administratorid"] = new EntityReference(UserDirectory.SystemUserTable, SystemUserId),
        });
    }

    private LocalOrganizationService SystemService => GetOrganizationService();

    /// <summary>
    /// An organization service acting as the user (the SYSTEM user when null), with that user's security: roles held
    /// directly or through teams, field security profiles. Set <see cref="LocalOrganizationService.CallerId"/> to act on
    /// behalf of another user. Safe to use from several threads.
    /// </summary>
    public LocalOrganizationService GetOrganizationService(Guid? userId = null)
    {
        var user = userId ?? SystemUserId;
        if (!_runtime.Users.Exists(user))
        {
            throw new ArgumentException($"User {user} does not exist in this local Dataverse; create it with CreateUser.", nameof(userId));
        }

        return new LocalOrganizationService(_runtime, CallOrigin.Client(user));
    }

    /// <summary>
    /// Runs <paramref name="work"/> with an organization service (acting as the user) whose every call joins one
    /// transaction, as the requests of an ExecuteTransaction do and as Dataverse runs a Web API change set: committed
    /// when the work returns true, rolled back when it returns false or throws. Asynchronous steps run after the commit.
    /// </summary>
    public void RunInOneTransaction(Guid userId, Func<IOrganizationService, bool> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_runtime.Users.Exists(userId))
        {
            throw new ArgumentException($"User {userId} does not exist in this local Dataverse; create it with CreateUser.", nameof(userId));
        }

        var transaction = _runtime.BeginTransaction();
        bool commit;
        try
        {
            commit = work(new LocalOrganizationService(_runtime, CallOrigin.Client(userId) with { Transaction = transaction }));
        }
        catch
        {
            transaction.Rollback();
            throw;
        }

        if (commit)
        {
            _runtime.AsyncOperations.Enqueue(transaction.Commit());
        }
        else
        {
            transaction.Rollback();
        }
    }

    /// <summary>Registers every plug-in class of the assembly that declares steps or a Custom API.</summary>
    public void RegisterPluginAssembly(Assembly assembly, IReadOnlyDictionary<Type, string>? secureConfigurations = null)
    {
        foreach (var type in RegistrationReader.PluginTypes(assembly))
        {
            RegisterPlugin(type, secureConfigurations?.GetValueOrDefault(type));
        }
    }

    /// <summary>Registers the steps (and Custom API) one plug-in class declares; secure configuration is supplied here, as at registration time in Dataverse.</summary>
    public void RegisterPlugin(Type pluginType, string? secureConfiguration = null)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        if (!typeof(IPlugin).IsAssignableFrom(pluginType))
        {
            throw new ArgumentException($"{pluginType.FullName} does not implement IPlugin.", nameof(pluginType));
        }

        var steps = RegistrationReader.ReadSteps(pluginType, secureConfiguration);
        var api = RegistrationReader.ReadCustomApi(pluginType, secureConfiguration);
        if (steps.Count == 0 && api is null)
        {
            throw new ArgumentException($"{pluginType.FullName} declares no PluginStep or CustomApi registration.", nameof(pluginType));
        }

        foreach (var step in steps)
        {
            _runtime.Steps.Add(step);
        }

        if (api is not null)
        {
            _runtime.Steps.Add(api);
        }
    }

    /// <summary>The registered Custom API of that unique name, or null when none is registered.</summary>
    public CustomApiRegistration? FindCustomApi(string uniqueName) => _runtime.Steps.FindCustomApi(uniqueName)?.Api;

    /// <summary>Registers a step described in code (for tests of the pipeline itself).</summary>
    public void RegisterStep(PluginStepRegistration step) => _runtime.Steps.Add(step ?? throw new ArgumentNullException(nameof(step)));

    /// <summary>
    /// Runs a custom workflow activity on a record as a background workflow would, returning its output arguments by
    /// property name. <paramref name="userId"/> is the workflow's user (IWorkflowContext.UserId; SYSTEM when null): every
    /// service the activity creates runs as that user, whatever id it passes, as in Dataverse.
    /// </summary>
    public IReadOnlyDictionary<string, object?> RunWorkflowActivity(
        CodeActivity activity,
        IReadOnlyDictionary<string, object?> inputs,
        EntityReference primaryEntity,
        Guid? userId = null,
        string messageName = MessageNames.Update) =>
        new WorkflowActivityRunner(_runtime).Run(activity, inputs, primaryEntity, userId ?? SystemUserId, messageName);

    /// <summary>
    /// Who imports the solution when no one else is named: a System Administrator (role and field security profile), as
    /// the user who imports a solution in Dataverse must be. Dataverse makes the importing user the owner of the processes
    /// a solution brings (the .xaml.data.xml carries no owner), so this user owns them and their background runs act as it.
    /// </summary>
    public static readonly Guid SolutionImporterId = new("5011d1a0-1e00-4c0d-8e11-0000000000a1");

    /// <summary>
    /// Activates the solution's classic workflows (src/Workflows, embedded in CreditOS.Solution unless other files are given):
    /// they then run on their trigger events. Every custom step must name an activity of the given assemblies. The processes
    /// are owned by <paramref name="ownerId"/> (the user who imports the solution), by default the System Administrator
    /// <see cref="SolutionImporterId"/> ("Solution Importer", created on first use). A background process runs as its owner;
    /// a real-time one as the calling user when its RunAs is 1, else as its owner.
    /// </summary>
    public IReadOnlyList<ProcessDefinition> ActivateProcesses(IReadOnlyList<Assembly> activityAssemblies, ISolutionFileSource? solutionFiles = null, Guid? ownerId = null)
    {
        ArgumentNullException.ThrowIfNull(activityAssemblies);
        var owner = ownerId ?? EnsureSolutionImporter();
        if (!_runtime.Users.Exists(owner))
        {
            throw new ArgumentException($"The processes' owner {owner} is not a user of this environment.", nameof(ownerId));
        }

        var definitions = ProcessDefinitionReader.ReadAll(solutionFiles ?? new EmbeddedSolutionFileSource());
        _runtime.Processes.Activate(definitions, activityAssemblies, owner);
        return definitions;
    }

    private Guid EnsureSolutionImporter()
    {
        if (!_runtime.Users.Exists(SolutionImporterId))
        {
            CreateUser("Solution Importer", SolutionImporterId);
            AssignRole(SolutionImporterId, SystemAdministratorRoleId);
            AssignFieldSecurityProfile(SolutionImporterId, SystemAdministratorProfileId);
        }

        return SolutionImporterId;
    }

    /// <summary>Background workflows parked on a wait (timeout) step.</summary>
    public int WaitingProcesses => _runtime.ProcessRunner.WaitingCount;

    /// <summary>Resumes waiting workflows whose wait-until time the clock has reached (Dataverse's async service does this on its own); returns how many resumed.</summary>
    public int ResumeDueProcesses() => _runtime.ProcessRunner.ResumeDue();

    /// <summary>Runs queued asynchronous steps (when RunAsyncStepsImmediately is off); returns how many ran.</summary>
    public int RunPendingAsyncOperations() => _runtime.AsyncOperations.RunPending();

    public void ClearPluginExecutions() => _runtime.ClearExecutions();

    /// <summary>Committed rows in the table.</summary>
    public int Count(string table) => _runtime.Store.Count(table);

    public void Dispose() => _runtime.Dispose();
}
