using CreditOS.Solution.Metadata;
using CreditOS.Solution.Packing.Registrations;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Holds step and Custom API registrations to what Dataverse accepts: a real plugin type, a known message
/// (platform or declared Custom API), a table the solution knows, a stage a step may use, filtering and image
/// columns that exist, and images only where the message and stage provide them.
/// </summary>
public static class RegistrationValidator
{
    public static IReadOnlyList<string> Validate(MetadataCatalog catalog, IReadOnlyList<PluginAssemblyDescription> assemblies)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(assemblies);
        var problems = new List<string>();
        var customApis = assemblies.SelectMany(a => a.CustomApis).ToList();
        var apiNames = customApis.Select(a => a.UniqueName).ToHashSet(StringComparer.Ordinal);
        var stepIds = new HashSet<Guid>();
        foreach (var assembly in assemblies)
        {
            if (!assembly.IsStrongNamed)
            {
                problems.Add($"{assembly.Name}: the assembly is not strong-name signed; Dataverse refuses it.");
            }

            foreach (var step in assembly.Steps)
            {
                problems.AddRange(ValidateStep(catalog, assembly, step, apiNames, stepIds).Select(p => $"{assembly.Name}: step {step.StepId} ({step.PluginTypeName}: {step.Message} of {step.PrimaryEntity}): {p}"));
            }

            problems.AddRange(assembly.OrphanImages.Select(o => $"{assembly.Name}: {o.PluginTypeName} declares image '{o.Image.Alias}' for step {o.Image.StepId}, which the class does not declare."));
            foreach (var api in assembly.CustomApis)
            {
                problems.AddRange(ValidateCustomApi(catalog, assembly, api).Select(p => $"{assembly.Name}: Custom API {api.UniqueName}: {p}"));
            }
        }

        problems.AddRange(customApis.GroupBy(a => a.UniqueName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"Custom API {g.Key} is declared by more than one class."));
        return problems;
    }

    private static IEnumerable<string> ValidateStep(MetadataCatalog catalog, PluginAssemblyDescription assembly, StepRegistration step, HashSet<string> apiNames, HashSet<Guid> stepIds)
    {
        if (!assembly.PluginTypes.Contains(step.PluginTypeName, StringComparer.Ordinal))
        {
            yield return $"'{step.PluginTypeName}' is not a plugin type (a public class implementing IPlugin) of the assembly.";
        }

        if (!Guid.TryParse(step.StepId, out var stepId))
        {
            yield return "the step id is not a GUID.";
        }
        else if (!stepIds.Add(stepId))
        {
            yield return "the step id is used by another step.";
        }

        var isPlatformMessage = SdkMessages.TryGetId(step.Message, out _);
        if (!isPlatformMessage && !apiNames.Contains(step.Message))
        {
            yield return $"'{step.Message}' is neither a platform message ({string.Join(", ", SdkMessages.Names.Order(StringComparer.Ordinal))}) nor a Custom API the assemblies declare.";
        }

        var table = catalog.FindTable(step.PrimaryEntity);
        if (table is null)
        {
            yield return $"table '{step.PrimaryEntity}' is not in the solution's metadata.";
        }

        if (step.Stage is not (Stages.PreValidation or Stages.PreOperation or Stages.PostOperation))
        {
            yield return $"stage {step.Stage} is not one a step may use (10 PreValidation, 20 PreOperation, 40 PostOperation).";
        }

        if (step.Mode == 1 && step.Stage != Stages.PostOperation)
        {
            yield return "asynchronous steps must run in PostOperation (40).";
        }

        if (step.FilteringAttributes.Count > 0 && step.Message != SdkMessages.Update)
        {
            yield return "filtering attributes apply only to Update steps.";
        }

        foreach (var column in step.FilteringAttributes.Where(c => table is not null && table.FindColumn(c) is null))
        {
            yield return $"filtering attribute '{column}' is not a column of '{step.PrimaryEntity}'.";
        }

        foreach (var image in step.Images)
        {
            if (!isPlatformMessage || !SupportsImage(step.Message, image.Type))
            {
                yield return $"image '{image.Alias}': {step.Message} does not provide {ImageName(image.Type)}s.";
            }

            if (image.Type != ImageTypes.Pre && step.Stage != Stages.PostOperation)
            {
                yield return $"image '{image.Alias}': post-images exist only in PostOperation (40).";
            }

            foreach (var column in image.Attributes.Where(c => table is not null && table.FindColumn(c) is null))
            {
                yield return $"image '{image.Alias}' names column '{column}', which '{step.PrimaryEntity}' does not have.";
            }
        }

        if (step.Images.GroupBy(i => i.Alias, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            yield return $"image alias '{duplicate.Key}' is used twice.";
        }
    }

    private static bool SupportsImage(string message, int type) =>
        type == ImageTypes.Both
            ? SdkMessages.SupportsImage(message, ImageTypes.Pre) && SdkMessages.SupportsImage(message, ImageTypes.Post)
            : SdkMessages.SupportsImage(message, type);

    private static string ImageName(int type) => type switch
    {
        ImageTypes.Pre => "pre-image",
        ImageTypes.Post => "post-image",
        _ => "pre- and post-image",
    };

    private static IEnumerable<string> ValidateCustomApi(MetadataCatalog catalog, PluginAssemblyDescription assembly, CustomApiRegistration api)
    {
        if (!assembly.PluginTypes.Contains(api.PluginTypeName, StringComparer.Ordinal))
        {
            yield return $"'{api.PluginTypeName}' is not a plugin type of the assembly.";
        }

        if (!api.UniqueName.StartsWith("cos_", StringComparison.Ordinal))
        {
            yield return "the unique name must carry the publisher prefix 'cos_'.";
        }

        if (api.BoundEntity is { } bound && catalog.FindTable(bound) is null)
        {
            yield return $"bound table '{bound}' is not in the solution's metadata.";
        }

        foreach (var field in api.RequestParameters.Concat(api.ResponseProperties))
        {
            if (field.EntityLogicalName is { } table && catalog.FindTable(table) is null)
            {
                yield return $"'{field.UniqueName}' names table '{table}', which is not in the solution's metadata.";
            }
        }
    }
}
