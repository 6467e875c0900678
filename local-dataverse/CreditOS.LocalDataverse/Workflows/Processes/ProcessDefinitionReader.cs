using System.Globalization;
using System.Xml.Linq;
using CreditOS.Solution.Files;

namespace CreditOS.LocalDataverse.Workflows.Processes;

/// <summary>
/// Reads the solution's classic workflows (<c>src/Workflows</c>). The local runtime supports a subset of
/// what Dataverse runs: step composites, GetEntityProperty on the primary entity, waits (Postpone) and custom activity steps
/// with variable or literal arguments, in background processes and in real-time ones running at the post-operation
/// stage. Anything else (conditions, built-in create/update steps, a real-time process at another stage or with a
/// wait, which Dataverse refuses) fails loudly when the process is read, never silently skipped.
/// </summary>
public static class ProcessDefinitionReader
{
    public const string WorkflowsFolder = "src/Workflows";
    private const string DataSuffix = ".xaml.data.xml";
    private const string ActivatedState = "1";
    private const string CallingUser = "1";
    private const string RealTimeMode = "1";
    private const string PostOperationStage = "40";
    private const string PrimaryEntityInput = "[InputEntities(\"primaryEntity\")]";
    private const string StepCompositeType = "Microsoft.Crm.Workflow.Activities.StepComposite";
    private static readonly XNamespace Mxswa = "clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35";
    private static readonly XNamespace Activities = "http://schemas.microsoft.com/netfx/2009/xaml/activities";
    private static readonly XNamespace Xaml = "http://schemas.microsoft.com/winfx/2006/xaml";

    /// <summary>Every activated background workflow of the solution.</summary>
    public static IReadOnlyList<ProcessDefinition> ReadAll(ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.List(WorkflowsFolder)
            .Where(path => path.EndsWith(DataSuffix, StringComparison.Ordinal))
            .Select(path => Read(files, path))
            .Where(process => process is not null)
            .Select(process => process!)
            .ToList();
    }

    private static ProcessDefinition? Read(ISolutionFileSource files, string dataPath)
    {
        XElement data;
        using (var stream = files.Open(dataPath))
        {
            data = XDocument.Load(stream).Root ?? throw Unsupported(files, dataPath, "the file is empty");
        }

        if (Text(data, "StateCode") != ActivatedState)
        {
            return null;
        }

        var name = (string?)data.Attribute("Name") ?? throw Unsupported(files, dataPath, "the workflow has no Name");
        var id = Guid.Parse((string?)data.Attribute("WorkflowId") ?? throw Unsupported(files, dataPath, "the workflow has no WorkflowId"));
        var xamlPath = dataPath[..^".data.xml".Length];
        XElement xaml;
        using (var stream = files.Open(xamlPath))
        {
            xaml = XDocument.Load(stream).Root ?? throw Unsupported(files, xamlPath, "the file is empty");
        }

        var workflow = xaml.Element(Mxswa + "Workflow") ?? throw Unsupported(files, xamlPath, "no <mxswa:Workflow> element");
        var steps = new List<ProcessStep>();
        foreach (var element in workflow.Elements())
        {
            ReadStep(files, xamlPath, element, steps);
        }

        var realTime = Text(data, "Mode") == RealTimeMode;
        if (realTime)
        {
            if (steps.OfType<WaitUntil>().Any())
            {
                throw Unsupported(files, xamlPath, "a real-time process cannot wait");
            }

            foreach (var stage in new[] { "CreateStage", "UpdateStage" })
            {
                if (Text(data, stage) is { } value && value != PostOperationStage)
                {
                    throw Unsupported(files, dataPath, $"real-time <{stage}> {value} is not supported by the local runtime (post-operation, 40, only)");
                }
            }
        }

        return new ProcessDefinition(
            id,
            name,
            Text(data, "PrimaryEntity") ?? throw Unsupported(files, dataPath, "no <PrimaryEntity>"),
            Text(data, "TriggerOnCreate") == "1",
            (Text(data, "TriggerOnUpdateAttributeList") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Text(data, "RunAs") == CallingUser,
            steps,
            realTime);
    }

    private static void ReadStep(ISolutionFileSource files, string path, XElement element, List<ProcessStep> steps)
    {
        if (element.Name == Mxswa + "GetEntityProperty")
        {
            if ((string?)element.Attribute("Entity") != PrimaryEntityInput)
            {
                throw Unsupported(files, path, $"GetEntityProperty reads '{(string?)element.Attribute("Entity")}'; the local runtime reads only the primary entity");
            }

            steps.Add(new GetPrimaryEntityProperty(Required(files, path, element, "Attribute"), VariableName(files, path, Required(files, path, element, "Value"))));
            return;
        }

        if (element.Name == Mxswa + "Postpone")
        {
            steps.Add(new WaitUntil(VariableName(files, path, Required(files, path, element, "PostponeUntil"))));
            return;
        }

        if (element.Name != Mxswa + "ActivityReference")
        {
            throw Unsupported(files, path, $"step <{element.Name.LocalName}> is not supported by the local runtime");
        }

        var (typeName, assemblyName) = SplitQualifiedName(Required(files, path, element, "AssemblyQualifiedName"));
        if (typeName == StepCompositeType)
        {
            var properties = element.Element(Mxswa + "ActivityReference.Properties");
            var activities = properties?.Elements().FirstOrDefault(e => (string?)e.Attribute(Xaml + "Key") == "Activities");
            foreach (var child in activities?.Elements() ?? [])
            {
                ReadStep(files, path, child, steps);
            }

            return;
        }

        if (typeName.StartsWith("Microsoft.Crm.Workflow.", StringComparison.Ordinal))
        {
            throw Unsupported(files, path, $"built-in step {typeName} is not supported by the local runtime");
        }

        var inputs = new Dictionary<string, ArgumentBinding>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in element.Element(Mxswa + "ActivityReference.Arguments")?.Elements() ?? [])
        {
            var key = (string?)argument.Attribute(Xaml + "Key") ?? throw Unsupported(files, path, "an argument has no x:Key");
            if (argument.Name == Activities + "InArgument")
            {
                inputs[key] = Binding(files, path, argument.Value.Trim());
            }
            else if (argument.Name == Activities + "OutArgument")
            {
                outputs[key] = VariableName(files, path, argument.Value.Trim());
            }
            else
            {
                throw Unsupported(files, path, $"argument <{argument.Name.LocalName}> is not supported");
            }
        }

        steps.Add(new CustomActivityStep((string?)element.Attribute("DisplayName") ?? typeName, typeName, assemblyName, inputs, outputs));
    }

    private static ArgumentBinding Binding(ISolutionFileSource files, string path, string expression)
    {
        var inner = Unbracket(files, path, expression);
        if (inner is "True" or "False")
        {
            return new ArgumentBinding(null, inner == "True");
        }

        if (inner.Length >= 2 && inner[0] == '"' && inner[^1] == '"')
        {
            return new ArgumentBinding(null, inner[1..^1]);
        }

        if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return new ArgumentBinding(null, number);
        }

        return IsIdentifier(inner)
            ? new ArgumentBinding(inner, null)
            : throw Unsupported(files, path, $"argument expression '{expression}' is not supported (variables and literals only)");
    }

    private static string VariableName(ISolutionFileSource files, string path, string expression)
    {
        var inner = Unbracket(files, path, expression);
        return IsIdentifier(inner) ? inner : throw Unsupported(files, path, $"'{expression}' is not a variable");
    }

    private static string Unbracket(ISolutionFileSource files, string path, string expression) =>
        expression.Length >= 2 && expression[0] == '[' && expression[^1] == ']'
            ? expression[1..^1]
            : throw Unsupported(files, path, $"expression '{expression}' is not in [brackets]");

    private static bool IsIdentifier(string text) => text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static (string TypeName, string AssemblyName) SplitQualifiedName(string qualified)
    {
        var parts = qualified.Split(',', StringSplitOptions.TrimEntries);
        return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
    }

    private static string Required(ISolutionFileSource files, string path, XElement element, string attribute) =>
        (string?)element.Attribute(attribute) ?? throw Unsupported(files, path, $"<{element.Name.LocalName}> has no {attribute}");

    private static string? Text(XElement data, string name) => data.Element(name)?.Value.Trim();

    private static NotSupportedException Unsupported(ISolutionFileSource files, string path, string problem) =>
        new($"{files.Describe(path)}: {problem}.");
}
