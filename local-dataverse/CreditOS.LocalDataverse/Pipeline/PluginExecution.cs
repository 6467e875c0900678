namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// What one plug-in (or workflow activity) execution did: the call accounting tests and benchmarks use to
/// hold plug-ins to a budget, and its trace.
/// </summary>
public sealed class PluginExecution
{
    internal PluginExecution(Type pluginType, string messageName, string primaryEntityName, int stage, int mode, int depth)
    {
        PluginType = pluginType;
        MessageName = messageName;
        PrimaryEntityName = primaryEntityName;
        Stage = stage;
        Mode = mode;
        Depth = depth;
    }

    private string? _trace;
    private LocalTracingService? _tracing;

    public Type PluginType { get; }

    public string MessageName { get; }

    public string PrimaryEntityName { get; }

    /// <summary>10, 20, 30 or 40; 0 for a workflow activity.</summary>
    public int Stage { get; }

    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public int Mode { get; }

    public int Depth { get; }

    /// <summary>Organization-service calls the plug-in made (each Execute, Create, Retrieve... counts one).</summary>
    public int ServiceCalls { get; internal set; }

    /// <summary>Rows its Retrieve and RetrieveMultiple calls returned.</summary>
    public int RowsReturned { get; internal set; }

    /// <summary>Rows the query engine examined to answer its queries (an index seek examines only the matches).</summary>
    public int RowsExamined { get; internal set; }

    /// <summary>What the execution traced (written into text when first read: most executions' traces are never read).</summary>
    public string Trace
    {
        get => _trace ??= _tracing?.ToString() ?? string.Empty;
        internal set => (_trace, _tracing) = (value, null);
    }

    public bool Succeeded { get; internal set; }

    /// <summary>The fault message when the execution failed.</summary>
    public string? Error { get; internal set; }

    /// <summary>Keeps the execution's tracing service, whose text becomes <see cref="Trace"/> when it is read.</summary>
    internal void KeepTrace(LocalTracingService tracing) => (_trace, _tracing) = (null, tracing);

    public override string ToString() =>
        $"{PluginType.Name} {MessageName} {PrimaryEntityName} stage {Stage} depth {Depth}: {ServiceCalls} calls, {RowsReturned} rows returned, {RowsExamined} examined";
}
