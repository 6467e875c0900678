using System.Xml.Linq;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// What the browser host needs of a table's main form (solution/src/Entities/&lt;table&gt;/FormXml/main): the columns
/// on it and their controls (disabled as the form authors them), its web resource controls with their tab, its script
/// libraries and OnLoad handlers.
/// </summary>
public sealed record FormDefinition(
    string Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<FieldControl> Fields,
    IReadOnlyList<WebResourceControl> WebResources,
    IReadOnlyList<string> Libraries,
    IReadOnlyList<FormEventHandler> OnLoad)
{
    /// <summary>The class id Dataverse gives a web resource control on a form.</summary>
    public const string WebResourceClassId = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

    public static FormDefinition Load(string solutionRoot, string table)
    {
        var folder = Path.Combine(solutionRoot, "src", "Entities", table, "FormXml", "main");
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (file is null)
        {
            throw new InvalidOperationException($"The solution has no main form for '{table}' (looked in {folder}).");
        }

        var form = XDocument.Load(file).Descendants("form").First();
        var columns = form.Descendants("control")
            .Select(control => (string?)control.Attribute("datafieldname"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var fields = form.Descendants("control")
            .Where(control => control.Attribute("datafieldname") is not null)
            .Select(control => new FieldControl(
                (string)control.Attribute("id")!,
                (string)control.Attribute("datafieldname")!,
                string.Equals((string?)control.Attribute("disabled"), "true", StringComparison.OrdinalIgnoreCase),
                CellLabel(control) ?? (string)control.Attribute("datafieldname")!))
            .ToList();
        var webResources = form.Descendants("control")
            .Where(control => string.Equals((string?)control.Attribute("classid"), WebResourceClassId, StringComparison.OrdinalIgnoreCase))
            .Select(control => new WebResourceControl(
                (string)control.Attribute("id")!,
                (string?)control.Element("parameters")?.Element("Url") ?? throw new InvalidOperationException($"Web resource control {(string?)control.Attribute("id")} on the {table} form names no Url."),
                string.Equals((string?)control.Element("parameters")?.Element("PassParameters"), "true", StringComparison.OrdinalIgnoreCase),
                (string?)control.Ancestors("tab").FirstOrDefault()?.Attribute("name") ?? string.Empty))
            .ToList();
        var libraries = form.Element("formLibraries")?.Elements("Library").Select(library => (string)library.Attribute("name")!).ToList() ?? [];
        var onLoad = form.Element("events")?.Elements("event")
            .Where(formEvent => (string?)formEvent.Attribute("name") == "onload")
            .SelectMany(formEvent => formEvent.Descendants("Handler"))
            .Select(handler => new FormEventHandler(
                (string)handler.Attribute("functionName")!,
                (string)handler.Attribute("libraryName")!,
                string.Equals((string?)handler.Attribute("passExecutionContext"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList() ?? [];
        return new FormDefinition(table, columns, fields, webResources, libraries, onLoad);
    }

    /// <summary>The English label of the form cell holding the control (what a person reads beside the field).</summary>
    private static string? CellLabel(XElement control) =>
        (string?)control.Parent?.Element("labels")?.Elements("label")
            .FirstOrDefault(label => (string?)label.Attribute("languagecode") == "1033")?.Attribute("description");
}

/// <summary>A control bound to a column (<c>datafieldname</c>), disabled when the FormXml says so, with its cell's label.</summary>
public sealed record FieldControl(string Id, string Column, bool Disabled, string Label);

public sealed record WebResourceControl(string Id, string WebResourceName, bool PassParameters, string Tab);

public sealed record FormEventHandler(string FunctionName, string Library, bool PassExecutionContext);
