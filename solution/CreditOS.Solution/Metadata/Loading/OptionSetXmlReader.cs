using System.Globalization;
using System.Xml.Linq;
using CreditOS.Solution.Files;

namespace CreditOS.Solution.Metadata.Loading;

/// <summary>Reads option sets: local ones inside an attribute, global ones in OptionSets/*.xml.</summary>
internal static class OptionSetXmlReader
{
    public static (string Name, IReadOnlyList<OptionDefinition> Options) ReadGlobal(ISolutionFileSource files, string path)
    {
        var file = files.Describe(path);
        var root = SolutionXml.Load(files, path).Root;
        if (root is null || root.Name.LocalName != "optionset" || root.Attribute("Name") is not { } name)
        {
            throw new SolutionFormatException(file, "the root element must be <optionset Name=\"...\">.");
        }

        try
        {
            var options = ReadOptions(root);
            return options.Count == 0
                ? throw new SolutionFormatException(file, $"global choice '{name.Value}' has no options.")
                : (name.Value, options);
        }
        catch (FormatException ex)
        {
            throw new SolutionFormatException(file, ex.Message, ex);
        }
    }

    public static IReadOnlyList<OptionDefinition> ReadOptions(XElement? optionSet)
    {
        if (optionSet is null)
        {
            return [];
        }

        var options = new List<OptionDefinition>();
        foreach (var option in optionSet.Element("options")?.Elements("option") ?? [])
        {
            options.Add(new OptionDefinition(Value(option), option.Element("labels").Label() ?? string.Empty));
        }

        foreach (var state in optionSet.Element("states")?.Elements("state") ?? [])
        {
            options.Add(new OptionDefinition(Value(state), state.Element("labels").Label() ?? string.Empty));
        }

        foreach (var status in optionSet.Element("statuses")?.Elements("status") ?? [])
        {
            var owningState = (string?)status.Attribute("state") ?? throw new FormatException($"status {Value(status)} names no state.");
            options.Add(new OptionDefinition(Value(status), status.Element("labels").Label() ?? string.Empty, int.Parse(owningState, CultureInfo.InvariantCulture)));
        }

        var duplicate = options.GroupBy(o => o.Value).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? options : throw new FormatException($"option value {duplicate.Key} appears twice.");
    }

    private static int Value(XElement option) =>
        int.Parse((string?)option.Attribute("value") ?? throw new FormatException("an option has no value."), CultureInfo.InvariantCulture);
}
