using System.Reflection;
using CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.Dataverse.Framework;

/// <summary>The steps a plugin class declares with its registration attributes, to refuse any other.</summary>
internal sealed class DeclaredSteps
{
    // ValueTuple is not available on net462 without a package, which a sandboxed plugin cannot ship.
    private readonly Step[] steps;

    private DeclaredSteps(Step[] steps)
    {
        this.steps = steps;
    }

    public bool IsEmpty => steps.Length == 0;

    public static DeclaredSteps Of(Type pluginType)
    {
        var declared = pluginType.GetCustomAttributes<PluginStepAttribute>(inherit: false)
            .Select(step => new Step(step.Message, Normalize(step.PrimaryEntity), step.Stage));
        if (pluginType.GetCustomAttribute<CustomApiAttribute>(inherit: false) is { } api)
        {
            declared = declared.Concat([new Step(api.UniqueName, Normalize(api.BoundEntity), PipelineStage.MainOperation)]);
        }

        return new DeclaredSteps(declared.ToArray());
    }

    public bool Declares(string message, string primaryEntity, PipelineStage stage)
    {
        // A loop, not Any with a lambda: this runs on every plug-in execution and the lambda's closure was allocated each time.
        var entity = Normalize(primaryEntity);
        foreach (var step in steps)
        {
            if (step.Stage == stage
                && string.Equals(step.Message, message, StringComparison.OrdinalIgnoreCase)
                && string.Equals(step.Entity, entity, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        IsEmpty ? "no steps" : string.Join("; ", steps.Select(step => $"{step.Message} of {step.Entity} at {step.Stage}"));

    private static string Normalize(string? entity) => string.IsNullOrEmpty(entity) ? Messages.NoPrimaryEntity : entity!;

    private sealed class Step(string message, string entity, PipelineStage stage)
    {
        public string Message { get; } = message;

        public string Entity { get; } = entity;

        public PipelineStage Stage { get; } = stage;
    }
}
