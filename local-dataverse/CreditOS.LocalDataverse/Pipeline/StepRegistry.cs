namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Every registered step and Custom API. Thread-safe; registration usually happens before use.</summary>
internal sealed class StepRegistry
{
    private const string AnyEntity = "none";
    private readonly object _gate = new();
    private List<RegisteredStep> _steps = [];
    private StepLookup _lookup = new([]);
    private Dictionary<string, RegisteredCustomApi> _customApis = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<PluginStepRegistration> Steps
    {
        get
        {
            lock (_gate)
            {
                return _steps.Select(s => s.Registration).ToList();
            }
        }
    }

    public void Add(PluginStepRegistration registration)
    {
        lock (_gate)
        {
            if (_steps.Any(s => s.Registration.StepId == registration.StepId))
            {
                throw new InvalidOperationException($"Step {registration.StepId} ({registration.PluginType.Name}) is already registered.");
            }

            StepRegistrationRules.Check(registration);
            if (_customApis.ContainsKey(registration.Message))
            {
                throw StepRegistrationRules.StepOnCustomApi(registration);
            }

            _steps = [.. _steps, new RegisteredStep(registration, _steps.Count)];
            Volatile.Write(ref _lookup, new StepLookup(_steps));
        }
    }

    public void Add(CustomApiRegistration api)
    {
        lock (_gate)
        {
            if (_customApis.ContainsKey(api.UniqueName))
            {
                throw new InvalidOperationException($"Custom API {api.UniqueName} is already registered.");
            }

            StepRegistrationRules.Check(api);
            if (_steps.FirstOrDefault(s => string.Equals(s.Registration.Message, api.UniqueName, StringComparison.OrdinalIgnoreCase)) is { } step)
            {
                throw StepRegistrationRules.StepOnCustomApi(step.Registration);
            }

            var mainOperation = new PluginStepRegistration(
                api.PluginType,
                Guid.NewGuid(),
                api.UniqueName,
                api.BoundEntity ?? AnyEntity,
                PipelineStageNumber.MainOperation,
                IsAsynchronous: false,
                Rank: 1,
                FilteringAttributes: [],
                UnsecureConfiguration: null,
                api.SecureConfiguration,
                Images: []);
            _customApis = new Dictionary<string, RegisteredCustomApi>(_customApis, StringComparer.OrdinalIgnoreCase)
            {
                [api.UniqueName] = new RegisteredCustomApi(api, new RegisteredStep(mainOperation, order: 0)),
            };
        }
    }

    public RegisteredCustomApi? FindCustomApi(string message)
    {
        lock (_gate)
        {
            return _customApis.GetValueOrDefault(message);
        }
    }

    /// <summary>The steps for this message, table, stage and mode, in execution order (rank, then registration order).</summary>
    /// <remarks>
    /// Every operation asks this for each of its stages, so the answer is kept per (message, table, stage, mode) beside
    /// the list of steps it was computed from: a registration publishes a new list and a new, empty lookup together,
    /// so no answer outlives the registrations it was computed from. The returned list is never changed afterwards.
    /// </remarks>
    public IReadOnlyList<RegisteredStep> For(string message, string entity, PipelineStageNumber stage, bool asynchronous)
    {
        var snapshot = Volatile.Read(ref _lookup);
        var key = new StepKey(message, entity, stage, asynchronous);
        if (snapshot.Found.TryGetValue(key, out var cached))
        {
            return cached;
        }

        return snapshot.Found.GetOrAdd(key, Find(snapshot, message, entity, stage, asynchronous));
    }

    // Apart from For: the lambdas' closure over the parameters was allocated on every call, found in the cache or not.
    private static IReadOnlyList<RegisteredStep> Find(StepLookup snapshot, string message, string entity, PipelineStageNumber stage, bool asynchronous) =>
        snapshot.Steps
            .Where(s => s.Registration.Stage == stage
                && s.Registration.IsAsynchronous == asynchronous
                && string.Equals(s.Registration.Message, message, StringComparison.OrdinalIgnoreCase)
                && (string.IsNullOrEmpty(s.Registration.PrimaryEntity)
                    || string.Equals(s.Registration.PrimaryEntity, AnyEntity, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(s.Registration.PrimaryEntity, entity, StringComparison.Ordinal)))
            .OrderBy(s => s.Registration.Rank)
            .ThenBy(s => s.Order)
            .ToList()
            .AsReadOnly();

    /// <summary>The registered steps and the answers of <see cref="For"/> computed from exactly those steps.</summary>
    private sealed class StepLookup(List<RegisteredStep> steps)
    {
        public List<RegisteredStep> Steps { get; } = steps;

        public System.Collections.Concurrent.ConcurrentDictionary<StepKey, IReadOnlyList<RegisteredStep>> Found { get; } = new();
    }

    /// <summary>
    /// Message names compare ignoring case (as the registration lookup does), table names ordinally; by the comparer, not by
    /// an upper-cased copy, since every stage of every operation builds a key.
    /// </summary>
    private readonly struct StepKey(string message, string entity, PipelineStageNumber stage, bool asynchronous) : IEquatable<StepKey>
    {
        public string Message { get; } = message;

        public string Entity { get; } = entity;

        public PipelineStageNumber Stage { get; } = stage;

        public bool Asynchronous { get; } = asynchronous;

        public bool Equals(StepKey other) =>
            Stage == other.Stage && Asynchronous == other.Asynchronous
            && string.Equals(Entity, other.Entity, StringComparison.Ordinal)
            && string.Equals(Message, other.Message, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => obj is StepKey other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(Message is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Message), Entity is null ? 0 : StringComparer.Ordinal.GetHashCode(Entity), Stage, Asynchronous);
    }
}

/// <summary>A Custom API with the plug-in step that is its main operation.</summary>
internal sealed record RegisteredCustomApi(CustomApiRegistration Api, RegisteredStep MainOperation);
