using System.Reflection;
using System.Runtime.InteropServices;
using CreditOS.Solution.Packing.Registrations;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Reads plugin types, workflow activities and their registration attributes from a built assembly without
/// loading it for execution (System.Reflection.MetadataLoadContext), so a net462 build can be read from net10.0.
/// Attributes are matched by type full name: they are compiled by source into each deployable assembly.
/// </summary>
public static class AssemblyRegistrationReader
{
    private const string RegistrationNamespace = "CreditOS.Dataverse.Framework.Registration.";
    private const string PluginStep = RegistrationNamespace + "PluginStepAttribute";
    private const string PluginImage = RegistrationNamespace + "PluginImageAttribute";
    private const string CustomApi = RegistrationNamespace + "CustomApiAttribute";
    private const string CustomApiRequestParameter = RegistrationNamespace + "CustomApiRequestParameterAttribute";
    private const string CustomApiResponseProperty = RegistrationNamespace + "CustomApiResponsePropertyAttribute";
    private const string PluginInterface = "Microsoft.Xrm.Sdk.IPlugin";
    private const string CodeActivity = "System.Activities.CodeActivity";

    /// <param name="referenceDirectories">
    /// Where the assemblies it references live besides its own folder, e.g. the .NET Framework 4.6.2 reference
    /// assemblies for a net462 build (<see cref="FrameworkReferenceAssemblies.Find"/>).
    /// </param>
    public static PluginAssemblyDescription Read(string assemblyPath, IEnumerable<string> referenceDirectories)
    {
        ArgumentNullException.ThrowIfNull(referenceDirectories);
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The assembly to pack, {path}, does not exist. Build it first.", path);
        }

        var candidates = new[] { Path.GetDirectoryName(path)! }.Concat(referenceDirectories).Append(RuntimeEnvironment.GetRuntimeDirectory())
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"))
            .GroupBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Append(path)
            .Distinct(StringComparer.Ordinal);
        using var context = new MetadataLoadContext(new PathAssemblyResolver(candidates));
        var assembly = context.LoadFromAssemblyPath(path);
        var name = assembly.GetName();
        var types = assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        var pluginTypes = types.Where(t => Implements(t, PluginInterface)).ToList();
        var steps = new List<StepRegistration>();
        var orphans = new List<(string, ImageRegistration)>();
        var apis = new List<CustomApiRegistration>();
        foreach (var type in pluginTypes)
        {
            var attributes = type.GetCustomAttributesData();
            var images = attributes.Where(a => Is(a, PluginImage)).Select(ReadImage).ToList();
            var typeSteps = attributes.Where(a => Is(a, PluginStep)).Select(a => ReadStep(type.FullName!, a, images)).ToList();
            steps.AddRange(typeSteps);
            orphans.AddRange(images.Where(i => !typeSteps.Exists(s => s.StepId == i.StepId)).Select(i => (type.FullName!, i)));
            if (attributes.FirstOrDefault(a => Is(a, CustomApi)) is { } api)
            {
                apis.Add(ReadCustomApi(type.FullName!, api, attributes));
            }
        }

        return new PluginAssemblyDescription
        {
            Name = name.Name!,
            FullName = FullName(name),
            FilePath = path,
            IsStrongNamed = name.GetPublicKeyToken() is { Length: > 0 },
            References = [.. assembly.GetReferencedAssemblies().Select(r => r.Name!).Order(StringComparer.Ordinal)],
            PluginTypes = [.. pluginTypes.Select(t => t.FullName!).Order(StringComparer.Ordinal)],
            WorkflowActivityTypes = [.. types.Where(t => DerivesFrom(t, CodeActivity)).Select(t => t.FullName!).Order(StringComparer.Ordinal)],
            Steps = steps,
            CustomApis = apis,
            OrphanImages = orphans,
        };
    }

    private static string FullName(AssemblyName name)
    {
        var token = name.GetPublicKeyToken() is { Length: > 0 } bytes ? Convert.ToHexStringLower(bytes) : "null";
        var culture = string.IsNullOrEmpty(name.CultureName) ? "neutral" : name.CultureName;
        return $"{name.Name}, Version={name.Version}, Culture={culture}, PublicKeyToken={token}";
    }

    private static bool Is(CustomAttributeData attribute, string fullName) => attribute.AttributeType.FullName == fullName;

    private static bool Implements(Type type, string interfaceName)
    {
        try
        {
            return type.GetInterfaces().Any(i => i.FullName == interfaceName);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"Cannot read the interfaces of {type.FullName}: {ex.Message} Pass the folder holding that assembly as a reference directory.", ex);
        }
    }

    private static bool DerivesFrom(Type type, string baseName)
    {
        try
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.FullName == baseName)
                {
                    return true;
                }
            }

            return false;
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"Cannot read the base types of {type.FullName}: {ex.Message} Pass the folder holding that assembly as a reference directory.", ex);
        }
    }

    private static StepRegistration ReadStep(string pluginType, CustomAttributeData attribute, List<ImageRegistration> images)
    {
        var arguments = attribute.ConstructorArguments;
        var stepId = (string)arguments[3].Value!;
        return new StepRegistration
        {
            PluginTypeName = pluginType,
            Message = (string)arguments[0].Value!,
            PrimaryEntity = (string)arguments[1].Value!,
            Stage = Convert.ToInt32(arguments[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            StepId = stepId,
            Mode = Named<int?>(attribute, "Mode") ?? 0,
            Rank = Named<int?>(attribute, "Rank") ?? 1,
            FilteringAttributes = SplitList(Named<string>(attribute, "FilteringAttributes")),
            UnsecureConfiguration = Named<string>(attribute, "UnsecureConfiguration"),
            Description = Named<string>(attribute, "Description"),
            Images = [.. images.Where(i => i.StepId == stepId)],
        };
    }

    private static ImageRegistration ReadImage(CustomAttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        return new ImageRegistration(
            (string)arguments[0].Value!,
            Convert.ToInt32(arguments[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            (string)arguments[2].Value!,
            SplitList((string?)arguments[3].Value));
    }

    private static CustomApiRegistration ReadCustomApi(string pluginType, CustomAttributeData api, IList<CustomAttributeData> attributes) => new()
    {
        UniqueName = (string)api.ConstructorArguments[0].Value!,
        PluginTypeName = pluginType,
        BoundEntity = Named<string>(api, "BoundEntity"),
        IsFunction = Named<bool?>(api, "IsFunction") ?? false,
        Description = Named<string>(api, "Description"),
        RequestParameters = [.. attributes.Where(a => Is(a, CustomApiRequestParameter)).Select(ReadField)],
        ResponseProperties = [.. attributes.Where(a => Is(a, CustomApiResponseProperty)).Select(ReadField)],
    };

    private static CustomApiFieldRegistration ReadField(CustomAttributeData attribute) => new(
        (string)attribute.ConstructorArguments[0].Value!,
        Convert.ToInt32(attribute.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture),
        Named<bool?>(attribute, "IsOptional") ?? false,
        Named<string>(attribute, "EntityLogicalName"));

    private static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        if (argument.MemberInfo is null)
        {
            return default;
        }

        var value = argument.TypedValue.Value;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is null ? default : (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] SplitList(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
