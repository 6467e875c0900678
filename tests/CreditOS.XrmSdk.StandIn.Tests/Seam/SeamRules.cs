extern alias plugins;

using System.Reflection;
using Microsoft.Xrm.Sdk;
using plugins::CreditOS.Dataverse.Framework;
using plugins::CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

/// <summary>
/// The contract every plugin class keeps with the seam: it derives from PluginBase, declares its
/// registration, keeps no per-call state, and its images and step ids are consistent.
/// Returns the broken rules, worded for the engineer who has to fix them.
/// </summary>
internal static class SeamRules
{
    public static IReadOnlyList<string> ViolationsOf(Type pluginType)
    {
        var violations = new List<string>();
        var name = pluginType.FullName;
        if (!typeof(PluginBase).IsAssignableFrom(pluginType))
        {
            violations.Add($"{name} implements IPlugin without deriving from PluginBase.");
        }

        var steps = pluginType.GetCustomAttributes<PluginStepAttribute>(inherit: false).ToList();
        var isCustomApi = pluginType.GetCustomAttribute<CustomApiAttribute>(inherit: false) is not null;
        if (steps.Count == 0 && !isCustomApi)
        {
            violations.Add($"{name} declares no [PluginStep] or [CustomApi].");
        }

        foreach (var step in steps.Where(s => !Guid.TryParse(s.StepId, out _)))
        {
            violations.Add($"{name}: step id '{step.StepId}' is not a GUID.");
        }

        foreach (var duplicate in steps.GroupBy(s => s.StepId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            violations.Add($"{name}: step id {duplicate.Key} is declared {duplicate.Count()} times.");
        }

        var stepIds = new HashSet<string>(steps.Select(s => s.StepId), StringComparer.OrdinalIgnoreCase);
        foreach (var image in pluginType.GetCustomAttributes<PluginImageAttribute>(inherit: false))
        {
            if (!stepIds.Contains(image.StepId))
            {
                violations.Add($"{name}: image '{image.Alias}' belongs to step {image.StepId}, which the class does not declare.");
            }
            else if (image.Type != ImageType.PreImage
                && steps.Single(s => string.Equals(s.StepId, image.StepId, StringComparison.OrdinalIgnoreCase)).Stage != PipelineStage.PostOperation)
            {
                violations.Add($"{name}: image '{image.Alias}' asks for a post-image on a step that is not PostOperation.");
            }
        }

        for (var type = pluginType; type is not null && type != typeof(PluginBase); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly))
            {
                violations.Add($"{name}: instance field {field.Name} is writable; plugins must keep no per-call state.");
            }
        }

        if (!pluginType.IsVisible)
        {
            violations.Add($"{name} is not public; Dataverse only registers public plugin classes.");
        }

        if (pluginType.GetConstructor([typeof(string), typeof(string)]) is null && pluginType.GetConstructor(Type.EmptyTypes) is null)
        {
            violations.Add($"{name} has neither a public (string, string) nor a public parameterless constructor for Dataverse to call.");
        }

        return violations;
    }

    public static IEnumerable<Type> PluginTypesIn(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPlugin).IsAssignableFrom(t));
}
