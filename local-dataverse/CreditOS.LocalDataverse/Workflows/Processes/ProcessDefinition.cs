namespace CreditOS.LocalDataverse.Workflows.Processes;

/// <summary>
/// A classic (background) workflow as the solution stores it: its trigger, read from
/// <c>Workflows/&lt;name&gt;-&lt;id&gt;.xaml.data.xml</c>, and its steps, read from the <c>.xaml</c>.
/// A real-time process (<c>Mode</c> 1) runs inside the triggering operation's transaction at its post-operation stage
/// and its failure fails the operation; a background one (<c>Mode</c> 0) runs after commit.
/// </summary>
public sealed record ProcessDefinition(
    Guid WorkflowId,
    string Name,
    string PrimaryEntity,
    bool TriggerOnCreate,
    IReadOnlyList<string> TriggerOnUpdateAttributes,
    bool RunAsCallingUser,
    IReadOnlyList<ProcessStep> Steps,
    bool IsRealTime = false)
{
    public bool TriggersOn(string message, string entity, IEnumerable<string> changedColumns) =>
        string.Equals(entity, PrimaryEntity, StringComparison.Ordinal)
        && (string.Equals(message, Service.MessageNames.Create, StringComparison.OrdinalIgnoreCase)
            ? TriggerOnCreate
            : string.Equals(message, Service.MessageNames.Update, StringComparison.OrdinalIgnoreCase)
                && changedColumns.Any(column => TriggerOnUpdateAttributes.Contains(column, StringComparer.Ordinal)));
}

/// <summary>One step the local runtime can run: read a column of the primary row into a variable, or run a custom activity.</summary>
public abstract record ProcessStep;

/// <summary><c>mxswa:GetEntityProperty</c> on the primary entity: the column's value (the row's reference for its primary key) into a variable.</summary>
public sealed record GetPrimaryEntityProperty(string Attribute, string Variable) : ProcessStep;

/// <summary>A custom workflow activity with its argument bindings (input: variable or literal; output: variable).</summary>
public sealed record CustomActivityStep(
    string DisplayName,
    string TypeName,
    string AssemblyName,
    IReadOnlyDictionary<string, ArgumentBinding> Inputs,
    IReadOnlyDictionary<string, string> Outputs) : ProcessStep;

/// <summary><c>mxswa:Postpone</c> (a timeout "wait until"): the process waits until the time in the variable.</summary>
public sealed record WaitUntil(string Variable) : ProcessStep;

/// <summary>An input argument's value: a variable's content or a literal.</summary>
public sealed record ArgumentBinding(string? Variable, object? Literal);
