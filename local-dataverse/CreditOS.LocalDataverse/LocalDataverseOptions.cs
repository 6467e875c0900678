using CreditOS.Solution.Metadata;
using CreditOS.Solution.Security;

namespace CreditOS.LocalDataverse;

/// <summary>How a <see cref="LocalDataverse"/> is set up.</summary>
public sealed class LocalDataverseOptions
{
    /// <summary>The tables and columns; null = the solution's own metadata (SolutionMetadataLoader.LoadEmbedded()).</summary>
    public MetadataCatalog? Metadata { get; init; }

    /// <summary>The security roles and field security profiles; null = the solution's own (SecurityDefinitionLoader.LoadEmbedded()).</summary>
    public SecurityDefinitions? Security { get; init; }

    /// <summary>The clock behind createdon/modifiedon and relative date queries.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long a transaction waits for a row lock before failing as a SQL timeout.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Dataverse's depth guard: a call chain deeper than this is stopped as an infinite loop.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Run asynchronous steps right after their operation commits (true), or only on RunPendingAsyncOperations() (false).</summary>
    public bool RunAsyncStepsImmediately { get; init; } = true;

    /// <summary>The organization's base currency, a transactioncurrency row from the start (US Dollar unless given).</summary>
    public Currency.BaseCurrency BaseCurrency { get; init; } = Currency.BaseCurrency.UsDollar;

    /// <summary>
    /// How many plug-in executions (with their traces) are kept for PluginExecutions, the most recent first to stay. Dataverse
    /// does not keep them for ever either: plug-in trace log rows are deleted by a system job after 24 hours (logging-tracing). Kept
    /// without a bound, a long local run (the worker on the local Dataverse, the throughput benchmarks) grew its heap with
    /// every payment and paid for it in garbage collection.
    /// </summary>
    public int PluginExecutionsKept { get; init; } = 20_000;

    /// <summary>
    /// The organization's id: a new one for each local Dataverse unless given, as two environments never share one. Process-wide
    /// state that plug-ins key by organization (the credit configuration cache) must not mix two local Dataverses running in
    /// one process: with one fixed id, parallel test worlds evicted each other's cached configuration.
    /// </summary>
    public Guid OrganizationId { get; init; } = Guid.NewGuid();

    public string OrganizationName { get; init; } = "creditos-local";
}
