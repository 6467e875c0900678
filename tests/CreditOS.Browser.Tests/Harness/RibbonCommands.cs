using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// The form command bar buttons a table's RibbonDiff.xml adds (locations Mscrm.Form.&lt;table&gt;.*), each with the
/// JavaScript function it runs, its library and its CrmParameters, and its enable rules as a condition the Xrm stand-in
/// evaluates on the form's values (FormStateRule is decided here; ValueRule, OrRule and CustomRule on the record in the
/// page, as the real client evaluates them: a CustomRule calls its function from its library with its CrmParameters).
/// Rules the host cannot evaluate fail loudly.
/// </summary>
public static class RibbonCommands
{
    private const string WebResourcePrefix = "$webresource:";
    private const string LocLabelPrefix = "$LocLabels:";

    public static IReadOnlyList<RibbonCommand> FormCommands(string solutionRoot, string table, bool recordExists)
    {
        var file = Path.Combine(solutionRoot, "src", "Entities", table, "RibbonDiff.xml");
        if (!File.Exists(file))
        {
            return [];
        }

        var ribbon = XDocument.Load(file).Root!;
        var labels = ribbon.Element("LocLabels")?.Elements("LocLabel").ToDictionary(
            label => (string)label.Attribute("Id")!,
            label => (string?)label.Descendants("Title").FirstOrDefault(title => (string?)title.Attribute("languagecode") == "1033")?.Attribute("description") ?? string.Empty,
            StringComparer.Ordinal) ?? [];
        var enableRules = ribbon.Element("RuleDefinitions")?.Element("EnableRules")?.Elements("EnableRule")
            .ToDictionary(rule => (string)rule.Attribute("Id")!, StringComparer.Ordinal) ?? [];
        var definitions = ribbon.Element("CommandDefinitions")?.Elements("CommandDefinition")
            .ToDictionary(command => (string)command.Attribute("Id")!, StringComparer.Ordinal) ?? [];
        var commands = new List<RibbonCommand>();
        foreach (var action in ribbon.Element("CustomActions")?.Elements("CustomAction") ?? [])
        {
            if (!((string?)action.Attribute("Location") ?? string.Empty).StartsWith($"Mscrm.Form.{table}.", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var button in action.Descendants("Button"))
            {
                var commandId = (string)button.Attribute("Command")!;
                var definition = definitions.GetValueOrDefault(commandId)
                    ?? throw new InvalidOperationException($"{table} RibbonDiff: button {(string?)button.Attribute("Id")} names command {commandId}, which has no CommandDefinition.");
                var function = definition.Element("Actions")?.Elements().SingleOrDefault();
                if (function?.Name.LocalName != "JavaScriptFunction")
                {
                    throw new InvalidOperationException($"{table} RibbonDiff: command {commandId} must have exactly one JavaScriptFunction action (the browser host runs nothing else).");
                }

                var library = (string)function.Attribute("Library")!;
                if (!library.StartsWith(WebResourcePrefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{table} RibbonDiff: command {commandId} loads '{library}', not a $webresource: library.");
                }

                var label = (string?)button.Attribute("LabelText") ?? commandId;
                if (label.StartsWith(LocLabelPrefix, StringComparison.Ordinal))
                {
                    label = labels.GetValueOrDefault(label[LocLabelPrefix.Length..])
                        ?? throw new InvalidOperationException($"{table} RibbonDiff: label {label} has no LocLabel.");
                }

                var parameters = function.Elements().Select(parameter => parameter.Name.LocalName == "CrmParameter"
                    ? (string)parameter.Attribute("Value")!
                    : throw new InvalidOperationException($"{table} RibbonDiff: command {commandId} passes a {parameter.Name.LocalName}; the browser host passes CrmParameters only.")).ToList();
                var ruleLibraries = new List<string>();
                var enable = new JsonObject
                {
                    ["all"] = new JsonArray((definition.Element("EnableRules")?.Elements("EnableRule") ?? [])
                        .Select(rule => Condition(table, enableRules.GetValueOrDefault((string)rule.Attribute("Id")!), (string)rule.Attribute("Id")!, recordExists, ruleLibraries))
                        .ToArray()),
                };
                commands.Add(new RibbonCommand(commandId, label, (string)function.Attribute("FunctionName")!, library[WebResourcePrefix.Length..], parameters, enable, ruleLibraries));
            }
        }

        return commands;
    }

    /// <summary>An EnableRule as a condition: { all: [...] } of its rules.</summary>
    private static JsonNode Condition(string table, XElement? rule, string ruleId, bool recordExists, List<string> ruleLibraries)
    {
        if (rule is null)
        {
            throw new InvalidOperationException($"{table} RibbonDiff: enable rule {ruleId} is not defined under RuleDefinitions.");
        }

        return new JsonObject { ["all"] = new JsonArray(rule.Elements().Select(condition => RuleCondition(table, ruleId, condition, recordExists, ruleLibraries)).ToArray()) };
    }

    private static JsonNode RuleCondition(string table, string ruleId, XElement condition, bool recordExists, List<string> ruleLibraries)
    {
        var inverted = string.Equals((string?)condition.Attribute("InvertResult"), "true", StringComparison.OrdinalIgnoreCase);
        switch (condition.Name.LocalName)
        {
            case "FormStateRule":
                var state = (string)condition.Attribute("State")!;
                var matches = state switch
                {
                    "Create" => !recordExists,
                    "Existing" => recordExists,
                    _ => throw new InvalidOperationException($"{table} RibbonDiff: FormStateRule State='{state}' is not evaluated by the browser host."),
                };
                return JsonValue.Create(matches != inverted);
            case "ValueRule":
                // The client compares the attribute's current value with Value (option sets by their number).
                return new JsonObject
                {
                    ["field"] = (string)condition.Attribute("Field")!,
                    ["value"] = (string)condition.Attribute("Value")!,
                    ["invert"] = inverted,
                };
            case "OrRule":
                return new JsonObject
                {
                    ["any"] = new JsonArray(condition.Elements("Or")
                        .Select(or => (JsonNode)new JsonObject { ["all"] = new JsonArray(or.Elements().Select(inner => RuleCondition(table, ruleId, inner, recordExists, ruleLibraries)).ToArray()) })
                        .ToArray()),
                };
            case "CustomRule":
                // The client loads Library and calls FunctionName with the rule's parameters; its boolean is the rule's
                // result (negated by InvertResult). Default is the result when the value cannot be determined.
                var ruleLibrary = (string)condition.Attribute("Library")!;
                if (!ruleLibrary.StartsWith(WebResourcePrefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{table} RibbonDiff: enable rule {ruleId} loads '{ruleLibrary}', not a $webresource: library.");
                }

                ruleLibraries.Add(ruleLibrary[WebResourcePrefix.Length..]);
                var defaultValue = (string?)condition.Attribute("Default");
                return new JsonObject
                {
                    ["custom"] = (string)condition.Attribute("FunctionName")!,
                    ["parameters"] = new JsonArray(condition.Elements().Select(parameter => parameter.Name.LocalName == "CrmParameter"
                        ? (JsonNode)JsonValue.Create((string)parameter.Attribute("Value")!)
                        : throw new InvalidOperationException($"{table} RibbonDiff: enable rule {ruleId} passes a {parameter.Name.LocalName}; the browser host passes CrmParameters only.")).ToArray()),
                    ["default"] = defaultValue is null ? null : JsonValue.Create(defaultValue is "1" or "true"),
                    ["invert"] = inverted,
                };
            default:
                throw new InvalidOperationException($"{table} RibbonDiff: enable rule {ruleId} uses a {condition.Name.LocalName}, which the browser host does not evaluate yet; add it to RibbonCommands.");
        }
    }
}

/// <param name="Enable">The enable rules as a condition tree: { all: [...] }, { any: [...] }, { field, value, invert },
/// { custom, parameters, default, invert } or a constant.</param>
/// <param name="RuleLibraries">The web resources the enable rules' CustomRules load.</param>
public sealed record RibbonCommand(string Id, string Label, string FunctionName, string Library, IReadOnlyList<string> Parameters, JsonNode Enable, IReadOnlyList<string> RuleLibraries);
