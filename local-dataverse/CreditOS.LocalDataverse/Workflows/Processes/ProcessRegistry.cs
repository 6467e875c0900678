using System.Activities;
using System.Reflection;

namespace CreditOS.LocalDataverse.Workflows.Processes;

/// <summary>Activated processes with their activity types resolved. Thread-safe; activation usually happens before use.</summary>
internal sealed class ProcessRegistry
{
    private readonly object _gate = new();
    private List<ActivatedProcess> _processes = [];

    /// <remarks>Every operation asks; the list is replaced whole on activation and never changed, so it is read without the gate.</remarks>
    public IReadOnlyList<ActivatedProcess> Processes => Volatile.Read(ref _processes);

    /// <summary>Activates the processes, owned by <paramref name="ownerId"/>; every custom step must name a CodeActivity type of one of the assemblies.</summary>
    public void Activate(IEnumerable<ProcessDefinition> definitions, IReadOnlyList<Assembly> activityAssemblies, Guid ownerId)
    {
        var activated = definitions.Select(definition => new ActivatedProcess(definition, ResolveTypes(definition, activityAssemblies), ownerId)).ToList();
        lock (_gate)
        {
            var duplicate = activated.FirstOrDefault(p => _processes.Any(existing => existing.Definition.WorkflowId == p.Definition.WorkflowId));
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"Process '{duplicate.Definition.Name}' is already activated.");
            }

            Volatile.Write(ref _processes, [.. _processes, .. activated]);
        }
    }

    public IReadOnlyList<ActivatedProcess> For(string message, string entity, IEnumerable<string> changedColumns)
    {
        var columns = changedColumns.ToList();
        return Processes.Where(p => p.Definition.TriggersOn(message, entity, columns)).ToList();
    }

    private static IReadOnlyDictionary<CustomActivityStep, Type> ResolveTypes(ProcessDefinition definition, IReadOnlyList<Assembly> assemblies)
    {
        var types = new Dictionary<CustomActivityStep, Type>(ReferenceEqualityComparer.Instance);
        foreach (var step in definition.Steps.OfType<CustomActivityStep>())
        {
            var assembly = assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, step.AssemblyName, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"Process '{definition.Name}' step '{step.DisplayName}' needs assembly {step.AssemblyName}, which is not registered.");
            var type = assembly.GetType(step.TypeName, throwOnError: false)
                ?? throw new InvalidOperationException($"Process '{definition.Name}' step '{step.DisplayName}' names {step.TypeName}, which {step.AssemblyName} does not contain.");
            if (!typeof(CodeActivity).IsAssignableFrom(type))
            {
                throw new InvalidOperationException($"Process '{definition.Name}' step '{step.DisplayName}': {step.TypeName} is not a CodeActivity.");
            }

            types[step] = type;
        }

        return types;
    }
}

/// <summary>A process ready to run: its definition, the activity type of each custom step and its owner (ownerid), as whom it runs.</summary>
internal sealed record ActivatedProcess(ProcessDefinition Definition, IReadOnlyDictionary<CustomActivityStep, Type> ActivityTypes, Guid OwnerId);
