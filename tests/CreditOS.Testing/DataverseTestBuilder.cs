using System.Reflection;
using CreditOS.LocalDataverse;
using CreditOS.LocalDataverse.Currency;
using CreditOS.Solution.Metadata;
using Microsoft.Extensions.Time.Testing;

namespace CreditOS.Testing;

/// <summary>
/// Builds a <see cref="DataverseTestContext"/>: the solution's metadata unless told otherwise, plug-in
/// assemblies registered from their attributes (plugin and workflow test projects pass the deployable
/// assemblies they reference with Aliases="plugins"/"workflows").
/// </summary>
public sealed class DataverseTestBuilder
{
    private readonly List<Action<LocalDataverse.LocalDataverse>> _registrations = [];
    private readonly List<Action<DataverseTestContext>> _setups = [];
    private MetadataCatalog? _metadata;
    private BaseCurrency _baseCurrency = BaseCurrency.UsDollar;
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(10);
    private bool _runAsyncImmediately = true;

    public static DataverseTestBuilder ALocalDataverse() => new();

    public DataverseTestBuilder WithMetadata(MetadataCatalog metadata)
    {
        _metadata = metadata;
        return this;
    }

    public DataverseTestBuilder WithPluginAssembly(Assembly assembly, IReadOnlyDictionary<Type, string>? secureConfigurations = null)
    {
        _registrations.Add(dataverse => dataverse.RegisterPluginAssembly(assembly, secureConfigurations));
        return this;
    }

    public DataverseTestBuilder WithPlugin<TPlugin>(string? secureConfiguration = null)
    {
        _registrations.Add(dataverse => dataverse.RegisterPlugin(typeof(TPlugin), secureConfiguration));
        return this;
    }

    /// <summary>Arranges something in every environment this builder makes (users, teams, business units), after the usual users exist.</summary>
    public DataverseTestBuilder WithSetup(Action<DataverseTestContext> setup)
    {
        _setups.Add(setup ?? throw new ArgumentNullException(nameof(setup)));
        return this;
    }

    /// <summary>The environment's base currency (a transactioncurrency row from the start; US Dollar with its own id unless given).</summary>
    public DataverseTestBuilder WithBaseCurrency(BaseCurrency baseCurrency)
    {
        _baseCurrency = baseCurrency ?? throw new ArgumentNullException(nameof(baseCurrency));
        return this;
    }

    public DataverseTestBuilder WithLockTimeout(TimeSpan timeout)
    {
        _lockTimeout = timeout;
        return this;
    }

    /// <summary>Asynchronous steps wait for RunPendingAsyncOperations() instead of running right after commit.</summary>
    public DataverseTestBuilder WithQueuedAsyncSteps()
    {
        _runAsyncImmediately = false;
        return this;
    }

    public DataverseTestContext Build()
    {
        var clock = new FakeTimeProvider(FixedIds.Now);
        var dataverse = new LocalDataverse.LocalDataverse(new LocalDataverseOptions
        {
            Metadata = _metadata,
            Clock = clock,
            LockTimeout = _lockTimeout,
            RunAsyncStepsImmediately = _runAsyncImmediately,
            BaseCurrency = _baseCurrency,
        });
        var context = new DataverseTestContext(dataverse, clock);
        foreach (var register in _registrations)
        {
            register(dataverse);
        }

        foreach (var setup in _setups)
        {
            setup(context);
        }

        return context;
    }
}
