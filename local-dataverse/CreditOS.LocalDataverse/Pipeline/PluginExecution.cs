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

    public string Trace { get; internal set; } = string.Empty;

    public bool Succeeded { get; internal set; }

    /// <summary>The fault message when the execution failed.</summary>
    public string? Error { get; internal set; }

    public override string ToString() =>
        $"{PluginType.Name} {MessageName} {PrimaryEntityName} stage {Stage} depth {Depth}: {ServiceCalls} calls, {RowsReturned} rows returned, {RowsExamined} examined";
}
