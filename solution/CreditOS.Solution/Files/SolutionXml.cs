using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CreditOS.Solution.Files;

/// <summary>Reading the solution's XML files with errors that name the file.</summary>
internal static class SolutionXml
{
    public static XDocument Load(ISolutionFileSource files, string path)
    {
        try
        {
            using var stream = files.Open(path);
            return XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new SolutionFormatException(files.Describe(path), $"is not well-formed XML: {ex.Message}", ex);
        }
    }

    public static string? Text(this XElement element, string child) => element.Element(child)?.Value.Trim();

    public static string RequiredText(this XElement element, string child, string file)
    {
        var text = element.Text(child);
        return string.IsNullOrEmpty(text)
            ? throw new SolutionFormatException(file, $"<{element.Name.LocalName}>{Where(element)} has no <{child}>.")
            : text;
    }

    public static bool Flag(this XElement element, string child, bool defaultValue)
    {
        var text = element.Text(child);
        return text switch
        {
            null or "" => defaultValue,
            "1" or "true" => true,
            "0" or "false" => false,
            _ => throw new FormatException($"<{child}> must be 0 or 1, not '{text}'."),
        };
    }

    public static int? Int(this XElement element, string child) =>
        element.Text(child) is { Length: > 0 } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static decimal? Decimal(this XElement element, string child) =>
        element.Text(child) is { Length: > 0 } text ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    /// <summary>The English (1033) description of a labels/displaynames style list.</summary>
    public static string? Label(this XElement? list) =>
        list?.Elements().FirstOrDefault(e => (string?)e.Attribute("languagecode") == "1033")?.Attribute("description")?.Value
        ?? list?.Elements().FirstOrDefault()?.Attribute("description")?.Value;

    public static string Where(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : string.Empty;
}
