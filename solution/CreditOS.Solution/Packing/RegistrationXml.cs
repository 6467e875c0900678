using System.Globalization;
using System.Xml.Linq;
using CreditOS.Solution.Packing.Registrations;

namespace CreditOS.Solution.Packing;

/// <summary>The customizations.xml elements for plugin assemblies, their steps and Custom APIs.</summary>
public static class RegistrationXml
{
    public const string AssemblyFolder = "PluginAssemblies";
    private const int IsolationModeSandbox = 2;
    private const int SourceTypeDatabase = 0;
    private const int InvocationSourceParent = 0;
    private const int EventHandlerPluginType = 4602;
    private const int BindingGlobal = 0;
    private const int BindingEntity = 1;

    public static Guid AssemblyId(PluginAssemblyDescription assembly) => StableId.For("pluginassembly", assembly?.Name ?? throw new ArgumentNullException(nameof(assembly)));

    public static Guid PluginTypeId(string typeName) => StableId.For("plugintype", typeName);

    /// <summary>Path of the assembly inside the zip: PluginAssemblies/&lt;name&gt;-&lt;ID&gt;/&lt;name&gt;.dll.</summary>
    public static string AssemblyEntry(PluginAssemblyDescription assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return $"{AssemblyFolder}/{assembly.Name}-{AssemblyId(assembly).ToString().ToUpperInvariant()}/{assembly.Name}.dll";
    }

    public static XElement Assembly(PluginAssemblyDescription assembly, string workflowGroup)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = assembly.PluginTypes.Select(t => PluginType(assembly, t, null))
            .Concat(assembly.WorkflowActivityTypes.Select(t => PluginType(assembly, t, workflowGroup)));
        return new XElement("PluginAssembly",
            new XAttribute("FullName", assembly.FullName),
            new XAttribute("PluginAssemblyId", AssemblyId(assembly).ToString()),
            new XAttribute("CustomizationLevel", 1),
            new XElement("IsolationMode", IsolationModeSandbox),
            new XElement("SourceType", SourceTypeDatabase),
            new XElement("IntroducedVersion", "1.0"),
            new XElement("FileName", "/" + AssemblyEntry(assembly)),
            new XElement("PluginTypes", types));
    }

    private static XElement PluginType(PluginAssemblyDescription assembly, string typeName, string? workflowGroup) =>
        new("PluginType",
            new XAttribute("AssemblyQualifiedName", $"{typeName}, {assembly.FullName}"),
            new XAttribute("PluginTypeId", PluginTypeId(typeName).ToString()),
            new XAttribute("Name", typeName),
            new XElement("FriendlyName", typeName),
            workflowGroup is null ? null : new XElement("WorkflowActivityGroupName", workflowGroup));

    public static XElement Step(PluginAssemblyDescription assembly, StepRegistration step)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(step);
        if (!SdkMessages.TryGetId(step.Message, out var messageId))
        {
            throw new NotSupportedException($"Step {step.StepId} is registered on {step.Message}; the packer writes steps only for platform messages, whose sdkmessageid is fixed.");
        }

        var stepId = Guid.Parse(step.StepId);
        var name = $"{step.PluginTypeName}: {step.Message} of {step.PrimaryEntity}";
        return new XElement("SdkMessageProcessingStep",
            new XAttribute("Name", name),
            new XAttribute("SdkMessageProcessingStepId", "{" + stepId + "}"),
            new XElement("SdkMessageId", messageId.ToString()),
            new XElement("PluginTypeName", $"{step.PluginTypeName}, {assembly.FullName}"),
            new XElement("PluginTypeId", PluginTypeId(step.PluginTypeName).ToString()),
            new XElement("PrimaryEntity", step.PrimaryEntity),
            new XElement("AsyncAutoDelete", step.Mode == 1 ? 1 : 0),
            step.UnsecureConfiguration is null ? null : new XElement("Configuration", step.UnsecureConfiguration),
            new XElement("Description", step.Description ?? name),
            new XElement("FilteringAttributes", string.Join(",", step.FilteringAttributes)),
            new XElement("InvocationSource", InvocationSourceParent),
            new XElement("Mode", step.Mode),
            new XElement("Rank", step.Rank),
            new XElement("EventHandlerTypeCode", EventHandlerPluginType),
            new XElement("Stage", step.Stage),
            new XElement("IsCustomizable", 1),
            new XElement("IsHidden", 0),
            new XElement("SupportedDeployment", 0),
            new XElement("IntroducedVersion", "1.0"),
            new XElement("SdkMessageProcessingStepImages", step.Images.Select(image => Image(step, image))));
    }

    private static XElement Image(StepRegistration step, ImageRegistration image) =>
        new("SdkMessageProcessingStepImage",
            new XAttribute("Name", image.Alias),
            new XElement("SdkMessageProcessingStepImageId", "{" + StableId.For("stepimage", step.StepId + "/" + image.Alias) + "}"),
            new XElement("Attributes", string.Join(",", image.Attributes)),
            new XElement("EntityAlias", image.Alias),
            new XElement("ImageType", image.Type),
            new XElement("MessagePropertyName", SdkMessages.ImagePropertyName(step.Message)),
            new XElement("IsCustomizable", 1));

    /// <summary>The files of one Custom API, keyed by their path in the zip (customapis/&lt;name&gt;/...).</summary>
    public static IEnumerable<(string Path, XElement Content)> CustomApi(CustomApiRegistration api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var folder = $"customapis/{api.UniqueName}";
        yield return ($"{folder}/customapi.xml", new XElement("customapi",
            new XAttribute("uniquename", api.UniqueName),
            new XElement("allowedcustomprocessingsteptype", 0),
            new XElement("bindingtype", api.BoundEntity is null ? BindingGlobal : BindingEntity),
            new XElement("boundentitylogicalname", api.BoundEntity),
            Label("description", api.Description ?? api.UniqueName),
            Label("displayname", api.UniqueName),
            new XElement("iscustomizable", 1),
            new XElement("isfunction", api.IsFunction ? 1 : 0),
            new XElement("isprivate", 0),
            new XElement("name", api.UniqueName),
            new XElement("plugintypeid", new XElement("plugintypeid", PluginTypeId(api.PluginTypeName).ToString())),
            new XElement("workflowsdkstepenabled", 0)));
        foreach (var parameter in api.RequestParameters)
        {
            yield return ($"{folder}/customapirequestparameters/{parameter.UniqueName}/customapirequestparameter.xml", Field("customapirequestparameter", parameter, includeOptional: true));
        }

        foreach (var property in api.ResponseProperties)
        {
            yield return ($"{folder}/customapiresponseproperties/{property.UniqueName}/customapiresponseproperty.xml", Field("customapiresponseproperty", property, includeOptional: false));
        }
    }

    private static XElement Field(string element, CustomApiFieldRegistration field, bool includeOptional) =>
        new(element,
            new XAttribute("uniquename", field.UniqueName),
            Label("description", field.UniqueName),
            Label("displayname", field.UniqueName),
            new XElement("iscustomizable", 1),
            includeOptional ? new XElement("isoptional", field.IsOptional ? 1 : 0) : null,
            new XElement("logicalentityname", field.EntityLogicalName),
            new XElement("name", field.UniqueName),
            new XElement("type", field.Type.ToString(CultureInfo.InvariantCulture)));

    private static XElement Label(string element, string text) =>
        new(element, new XAttribute("default", text), new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", 1033)));
}
