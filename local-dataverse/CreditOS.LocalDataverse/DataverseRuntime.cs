using System.Collections.Concurrent;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Storage;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Workflows.Processes;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Security;

namespace CreditOS.LocalDataverse;

/// <summary>Everything one local Dataverse environment is made of, wired together.</summary>
internal sealed class DataverseRuntime : IDisposable
{
    private readonly ConcurrentQueue<PluginExecution> _executions = new();
    // The queue's own Count walks its segments under a lock on every call; every enqueue and dequeue moves this one instead.
    private int _executionCount;
    private long _version;

    public DataverseRuntime(MetadataCatalog metadata, LocalDataverseOptions options)
    {
        // Dataverse adds the currency columns (transactioncurrencyid, exchangerate, x_base) to every table with money columns.
        Metadata = Currency.CurrencyMetadata.Augment(metadata, options.BaseCurrency);
        Options = options;
        Clock = options.Clock;
        Store = new RowStore(Metadata);
        Locks = new LockManager(options.LockTimeout);
        Steps = new StepRegistry();
        Handlers = new MessageHandlers(Steps);
        Processor = new RequestProcessor(this);
        Pipeline = new PipelineRunner(this);
        Invoker = new StepInvoker(this);
        AsyncOperations = new AsyncOperationQueue(this);
        Security = new SecurityModel(Metadata, options.Security ?? SecurityDefinitionLoader.LoadEmbedded());
        Users = new UserDirectory(this);
        Currencies = new Currency.CurrencyDirectory(this, options.BaseCurrency);
        Processes = new ProcessRegistry();
        ProcessRunner = new ProcessRunner(this);
    }

    public MetadataCatalog Metadata { get; }

    public LocalDataverseOptions Options { get; }

    public TimeProvider Clock { get; }

    public RowStore Store { get; }

    public LockManager Locks { get; }

    public StepRegistry Steps { get; }

    public MessageHandlers Handlers { get; }

    public RequestProcessor Processor { get; }

    public PipelineRunner Pipeline { get; }

    public StepInvoker Invoker { get; }

    public AsyncOperationQueue AsyncOperations { get; }

    public UserDirectory Users { get; }

    public Currency.CurrencyDirectory Currencies { get; }

    public SecurityModel Security { get; }

    public ProcessRegistry Processes { get; }

    public ProcessRunner ProcessRunner { get; }

    public Guid OrganizationId => Options.OrganizationId;

    public string OrganizationName => Options.OrganizationName;

    public IReadOnlyList<PluginExecution> Executions => [.. _executions];

    public Transaction BeginTransaction() => new(Store, Locks);

    public long NextVersion() => Interlocked.Increment(ref _version);

    public void Record(PluginExecution execution)
    {
        _executions.Enqueue(execution);
        var count = Interlocked.Increment(ref _executionCount);
        while (count > Options.PluginExecutionsKept && _executions.TryDequeue(out _))
        {
            count = Interlocked.Decrement(ref _executionCount);
        }
    }

    public void ClearExecutions()
    {
        while (_executions.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _executionCount);
        }
    }

    public void Dispose() => Store.Dispose();
}
