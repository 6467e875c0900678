using System.Globalization;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// Reads the registration attributes a plug-in class declares (compiled by source into each plug-in
/// assembly, so they are matched by full type name through <see cref="CustomAttributeData"/>).
/// </summary>
public static class RegistrationReader
{
    private const string RegistrationNamespace = "CreditOS.Dataverse.Framework.Registration.";
    private const string PluginStepAttribute = RegistrationNamespace + "PluginStepAttribute";
    private const string PluginImageAttribute = RegistrationNamespace + "PluginImageAttribute";
    private const string CustomApiAttribute = RegistrationNamespace + "CustomApiAttribute";
    private const string CustomApiRequestParameterAttribute = RegistrationNamespace + "CustomApiRequestParameterAttribute";
    private const string CustomApiResponsePropertyAttribute = RegistrationNamespace + "CustomApiResponsePropertyAttribute";
    private const int AsynchronousMode = 1;
    private const int DefaultRank = 1;
    private const int PreImageType = 0;
    private const int PostImageType = 1;
    private const int BothImageType = 2;

    public static IReadOnlyList<PluginStepRegistration> ReadSteps(Type pluginType, string? secureConfiguration = null)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var attributes = pluginType.GetCustomAttributesData();
        var images = attributes.Where(a => a.AttributeType.FullName == PluginImageAttribute).Select(ReadImage).ToList();
        var steps = new List<PluginStepRegistration>();
        foreach (var step in attributes.Where(a => a.AttributeType.FullName == PluginStepAttribute))
        {
            var stepId = Guid.Parse(Text(step, 3));
            steps.Add(new PluginStepRegistration(
                pluginType,
                stepId,
                Text(step, 0),
                Text(step, 1),
                (PipelineStageNumber)Number(step.ConstructorArguments[2]),
                Named(step, "Mode") is { } mode && Number(mode) == AsynchronousMode,
                Named(step, "Rank") is { } rank ? Number(rank) : DefaultRank,
                SplitColumns(Named(step, "FilteringAttributes")?.Value as string),
                Named(step, "UnsecureConfiguration")?.Value as string,
                secureConfiguration,
                images.Where(i => i.StepId == stepId).SelectMany(i => i.Images).ToList()));
        }

        foreach (var orphan in images.Where(i => steps.All(s => s.StepId != i.StepId)))
        {
            throw new InvalidOperationException($"{pluginType.FullName} declares an image for step {orphan.StepId}, which it does not declare.");
        }

        return steps;
    }

    public static CustomApiRegistration? ReadCustomApi(Type pluginType, string? secureConfiguration = null)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var attributes = pluginType.GetCustomAttributesData();
        var api = attributes.FirstOrDefault(a => a.AttributeType.FullName == CustomApiAttribute);
        if (api is null)
        {
            return null;
        }

        return new CustomApiRegistration(
            Text(api, 0),
            pluginType,
            Named(api, "BoundEntity")?.Value as string,
            Named(api, "IsFunction")?.Value is true,
            attributes.Where(a => a.AttributeType.FullName == CustomApiRequestParameterAttribute).Select(ReadField).ToList(),
            attributes.Where(a => a.AttributeType.FullName == CustomApiResponsePropertyAttribute).Select(ReadField).ToList(),
            secureConfiguration);
    }

    /// <summary>Every concrete IPlugin type of the assembly that declares a step or a Custom API.</summary>
    public static IEnumerable<Type> PluginTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes().Where(type =>
            type is { IsClass: true, IsAbstract: false }
            && typeof(IPlugin).IsAssignableFrom(type)
            && type.GetCustomAttributesData().Any(a =>
                a.AttributeType.FullName is PluginStepAttribute or CustomApiAttribute));
    }

    public static IReadOnlyList<string> SplitColumns(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated)
            ? []
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (Guid StepId, IEnumerable<PluginImageRegistration> Images) ReadImage(CustomAttributeData image)
    {
        var type = Number(image.ConstructorArguments[1]);
        var alias = Text(image, 2);
        var columns = SplitColumns(Text(image, 3));
        var images = new List<PluginImageRegistration>();
        if (type is PreImageType or BothImageType)
        {
            images.Add(new PluginImageRegistration(alias, IsPreImage: true, columns));
        }

        if (type is PostImageType or BothImageType)
        {
            images.Add(new PluginImageRegistration(alias, IsPreImage: false, columns));
        }

        return (Guid.Parse(Text(image, 0)), images);
    }

    private static CustomApiField ReadField(CustomAttributeData field) => new(
        Text(field, 0),
        Number(field.ConstructorArguments[1]),
        Named(field, "IsOptional")?.Value is true,
        Named(field, "EntityLogicalName")?.Value as string);

    private static string Text(CustomAttributeData attribute, int position) =>
        attribute.ConstructorArguments[position].Value as string
        ?? throw new InvalidOperationException($"{attribute.AttributeType.Name} argument {position} must be a string.");

    private static int Number(CustomAttributeTypedArgument argument) =>
        Convert.ToInt32(argument.Value, CultureInfo.InvariantCulture);

    private static CustomAttributeTypedArgument? Named(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return argument.TypedValue;
            }
        }

        return null;
    }
}
