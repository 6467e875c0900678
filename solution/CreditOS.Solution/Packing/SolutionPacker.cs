using System.IO.Compression;
using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Packing.Registrations;
using CreditOS.Solution.Validation;
using CreditOS.Solution.Validation.Schema;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Packs the unpacked solution and the built assemblies into an importable solution zip. Everything is validated
/// first; on any problem nothing is written and a <see cref="SolutionFormatException"/> lists every problem.
/// </summary>
public static class SolutionPacker
{
    public const string ContentTypesEntry = "[Content_Types].xml";
    public const string SolutionEntry = "solution.xml";
    public const string CustomizationsEntry = "customizations.xml";
    private const string WorkflowGroup = "creditOS";
    private const int PluginAssemblyComponent = 91;
    private const int StepComponent = 92;
    private const int WorkflowComponent = 29;
    private const string StandInAssembly = "CreditOS.XrmSdk.StandIn";

    public static SolutionPackResult Pack(SolutionPackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OutputPath);
        ISolutionFileSource files = request.SolutionDirectory is null ? new EmbeddedSolutionFileSource() : new DirectorySolutionFileSource(request.SolutionDirectory);
        var catalog = SolutionMetadataLoader.Load(files);
        var context = new SolutionContext(files, catalog);
        var problems = SolutionValidator.Checks.SelectMany(c => c.Check(context)).Select(p => p.ToString()).ToList();

        var references = request.ReferenceDirectories ?? FrameworkReferenceAssemblies.Find();
        var assemblies = request.PluginAssemblies.Concat(request.WorkflowAssemblies)
            .Select(path => AssemblyRegistrationReader.Read(path, references))
            .ToList();
        problems.AddRange(RegistrationValidator.Validate(catalog, assemblies));
        if (problems.Count > 0)
        {
            throw new SolutionFormatException("The solution cannot be packed:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        var customizations = new CustomizationsBuilder(context).Build(assemblies, WorkflowGroup);
        var schemaProblems = PackedCustomizationsCheck.Check(customizations);
        if (schemaProblems.Count > 0)
        {
            throw new SolutionFormatException("The packed customizations.xml would not import:" + Environment.NewLine + string.Join(Environment.NewLine, schemaProblems));
        }

        var entries = BuildEntries(context, assemblies, customizations);
        Write(request.OutputPath, entries);
        return new SolutionPackResult(
            Path.GetFullPath(request.OutputPath),
            [.. entries.Keys],
            assemblies.Sum(a => a.Steps.Count),
            assemblies.Sum(a => a.CustomApis.Count),
            [.. assemblies.Where(a => a.References.Contains(StandInAssembly, StringComparer.Ordinal))
                .Select(a => $"{a.Name} was built against the SDK stand-in, which Dataverse does not have; build it with -p:XrmSdk=official before importing.")]);
    }

    private static SortedDictionary<string, byte[]> BuildEntries(SolutionContext context, List<PluginAssemblyDescription> assemblies, XDocument customizations)
    {
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [SolutionEntry] = Bytes(Manifest(context, assemblies)),
            [CustomizationsEntry] = Bytes(customizations),
        };
        foreach (var assembly in assemblies)
        {
            entries[RegistrationXml.AssemblyEntry(assembly)] = File.ReadAllBytes(assembly.FilePath);
        }

        foreach (var (path, content) in assemblies.SelectMany(a => a.CustomApis).SelectMany(RegistrationXml.CustomApi))
        {
            entries[path] = Bytes(new XDocument(content));
        }

        foreach (var path in context.Files.List(SolutionPaths.WebResources).Where(p => !p.EndsWith(SolutionPaths.WebResourceDataSuffix, StringComparison.Ordinal)))
        {
            entries[path["src/".Length..]] = Read(context.Files, path);
        }

        foreach (var path in context.Files.List(SolutionPaths.Workflows).Where(p => !p.EndsWith(WorkflowCheck.DefinitionSuffix, StringComparison.Ordinal)))
        {
            entries[path["src/".Length..]] = Read(context.Files, path);
        }

        foreach (var path in context.Files.List(SolutionPaths.EnvironmentVariables))
        {
            entries[path["src/".Length..]] = Read(context.Files, path);
        }

        entries[ContentTypesEntry] = Bytes(ContentTypes(entries.Keys));
        return entries;
    }

    private static XDocument Manifest(SolutionContext context, List<PluginAssemblyDescription> assemblies)
    {
        var manifest = new XDocument(context.Document(SolutionLayout.SolutionManifest)!);
        var rootComponents = manifest.Root!.Element("SolutionManifest")!.Element("RootComponents")!;
        var listed = rootComponents.Elements("RootComponent").Select(c => ((string?)c.Attribute("id"))?.ToUpperInvariant()).ToHashSet();
        foreach (var (_, workflow) in context.Roots(SolutionPaths.Workflows, WorkflowCheck.DefinitionSuffix))
        {
            var id = (string?)workflow.Attribute("WorkflowId");
            if (id is not null && !listed.Contains(id.ToUpperInvariant()))
            {
                rootComponents.Add(new XElement("RootComponent", new XAttribute("type", WorkflowComponent), new XAttribute("id", id), new XAttribute("behavior", 0)));
            }
        }

        foreach (var assembly in assemblies)
        {
            rootComponents.Add(new XElement("RootComponent",
                new XAttribute("type", PluginAssemblyComponent),
                new XAttribute("id", "{" + RegistrationXml.AssemblyId(assembly) + "}"),
                new XAttribute("schemaName", assembly.FullName),
                new XAttribute("behavior", 0)));
            foreach (var step in assembly.Steps)
            {
                rootComponents.Add(new XElement("RootComponent",
                    new XAttribute("type", StepComponent),
                    new XAttribute("id", "{" + Guid.Parse(step.StepId) + "}"),
                    new XAttribute("behavior", 0)));
            }
        }

        return manifest;
    }

    private static XDocument ContentTypes(IEnumerable<string> paths)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        var extensions = paths.Select(Path.GetExtension).Where(e => !string.IsNullOrEmpty(e)).Select(e => e![1..]).Append("xml").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        return new XDocument(new XElement(ns + "Types", extensions.Select(e =>
            new XElement(ns + "Default", new XAttribute("Extension", e), new XAttribute("ContentType", "application/octet-stream")))));
    }

    /// <summary>Writes to a temporary file beside the target and moves it into place, so a failure leaves no half-written zip.</summary>
    private static void Write(string outputPath, SortedDictionary<string, byte[]> entries)
    {
        var target = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        try
        {
            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                foreach (var (path, content) in entries)
                {
                    var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                    entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    using var stream = entry.Open();
                    stream.Write(content);
                }
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Read(ISolutionFileSource files, string path)
    {
        using var stream = files.Open(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Bytes(XDocument document)
    {
        using var stream = new MemoryStream();
        document.Declaration ??= new XDeclaration("1.0", "utf-8", null);
        document.Save(stream, SaveOptions.None);
        return stream.ToArray();
    }
}
