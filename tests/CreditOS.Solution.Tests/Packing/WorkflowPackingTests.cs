using System.IO.Compression;
using System.Xml.Linq;
using CreditOS.Solution.Packing;
using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Packing;

/// <summary>Classic workflows in src/Workflows travel into the zip with their definition and XAML.</summary>
public sealed class WorkflowPackingTests : IDisposable
{
    private const string WorkflowId = "{4A1B2C3D-0000-4000-8000-00000000C0DE}";
    private const string FileStem = "RouteHeld-4A1B2C3D-0000-4000-8000-00000000C0DE";
    private readonly SolutionCopy _copy = new();

    public WorkflowPackingTests()
    {
        var folder = _copy.PathOf("src/Workflows");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileStem + ".xaml"), "<Activity xmlns=\"http://schemas.microsoft.com/netfx/2009/xaml/activities\" />");
        File.WriteAllText(Path.Combine(folder, FileStem + ".xaml.data.xml"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Workflow WorkflowId="{WorkflowId}" Name="creditOS: Route held order">
              <XamlFileName>/Workflows/{FileStem}.xaml</XamlFileName>
              <Type>1</Type>
              <TriggerOnUpdateAttributeList>cos_creditstatus</TriggerOnUpdateAttributeList>
              <PrimaryEntity>salesorder</PrimaryEntity>
            </Workflow>
            """);
    }

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void Pack_CarriesWorkflowDefinitionXamlAndRootComponent()
    {
        var output = _copy.PathOf("out/creditOS.zip");

        SolutionPacker.Pack(new SolutionPackRequest { SolutionDirectory = _copy.Root, OutputPath = output });

        using var zip = ZipFile.OpenRead(output);
        Assert.NotNull(zip.GetEntry($"Workflows/{FileStem}.xaml"));
        Assert.Null(zip.GetEntry($"Workflows/{FileStem}.xaml.data.xml"));
        Assert.Contains(Load(zip, "customizations.xml").Element("Workflows")!.Elements("Workflow"), w => (string?)w.Attribute("WorkflowId") == WorkflowId);
        Assert.Contains(Load(zip, "solution.xml").Descendants("RootComponent"), c => (string?)c.Attribute("type") == "29" && (string?)c.Attribute("id") == WorkflowId);
    }

    [Fact]
    public void Workflow_TriggeringOnUnknownColumn_IsReported()
    {
        _copy.Replace(_copy.PathOf($"src/Workflows/{FileStem}.xaml.data.xml"), "cos_creditstatus", "cos_creditstate");

        var problem = Assert.Single(SolutionValidator.Validate(_copy.Files));

        Assert.Contains("triggers on column 'cos_creditstate'", problem.Message, StringComparison.Ordinal);
    }

    private static XElement Load(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        return XDocument.Load(stream).Root!;
    }
}
