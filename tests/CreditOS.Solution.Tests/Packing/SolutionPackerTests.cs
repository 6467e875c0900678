using System.IO.Compression;
using System.Xml.Linq;
using CreditOS.Solution.Packing;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Packing;

public sealed class SolutionPackerTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "creditos-pack-" + Guid.NewGuid().ToString("N"), "creditOS.zip");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_output)))
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
    }

    [Fact]
    public void Pack_WritesTheEntriesDataverseImports()
    {
        var result = Pack();

        using var zip = ZipFile.OpenRead(_output);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("[Content_Types].xml", names);
        Assert.Contains("solution.xml", names);
        Assert.Contains("customizations.xml", names);
        Assert.Contains("WebResources/cos_/scripts/account_rescore.js", names);
        Assert.Contains("customapis/cos_RescoreAccount/customapi.xml", names);
        Assert.Contains(names, n => n.StartsWith("PluginAssemblies/CreditOS.Solution.Fixtures-", StringComparison.Ordinal) && n.EndsWith("/CreditOS.Solution.Fixtures.dll", StringComparison.Ordinal));
        Assert.Contains("environmentvariabledefinitions/cos_ApprovalDueHours/environmentvariabledefinition.xml", names);
        Assert.Equal(3, result.StepCount);
    }

    [Fact]
    public void Pack_GeneratesStepsFromTheAttributes()
    {
        Pack();

        var step = Customizations().Descendants("SdkMessageProcessingStep")
            .Single(s => (string?)s.Attribute("SdkMessageProcessingStepId") == "{0f5e4c52-6a0e-4d55-9d3e-0c1f7a2b9e01}");
        Assert.Equal("20bebb1b-ea3e-db11-86a7-000a3a5473e8", step.Element("SdkMessageId")!.Value);
        Assert.Equal("account", step.Element("PrimaryEntity")!.Value);
        Assert.Equal("20", step.Element("Stage")!.Value);
        Assert.Equal("creditlimit,cos_credittierid", step.Element("FilteringAttributes")!.Value);
        var image = step.Descendants("SdkMessageProcessingStepImage").Single();
        Assert.Equal(("before", "0", "Target", "creditlimit,cos_exposure"),
            (image.Element("EntityAlias")!.Value, image.Element("ImageType")!.Value, image.Element("MessagePropertyName")!.Value, image.Element("Attributes")!.Value));
    }

    [Fact]
    public void Pack_ListsAssemblyAndStepsAsRootComponents()
    {
        Pack();

        var components = Entry("solution.xml").Descendants("RootComponent").ToList();
        Assert.Contains(components, c => (string?)c.Attribute("type") == "91" && ((string?)c.Attribute("schemaName"))!.StartsWith("CreditOS.Solution.Fixtures,", StringComparison.Ordinal));
        Assert.Equal(3, components.Count(c => (string?)c.Attribute("type") == "92"));
    }

    [Fact]
    public void Pack_WritesCustomApiPointingAtItsPluginType()
    {
        Pack();

        var pluginTypeId = Customizations().Descendants("PluginType").Single(t => (string?)t.Attribute("Name") == "CreditOS.Solution.Fixtures.RescoreAccountApi").Attribute("PluginTypeId")!.Value;
        var api = Entry("customapis/cos_RescoreAccount/customapi.xml");
        Assert.Equal(pluginTypeId, api.Element("plugintypeid")!.Element("plugintypeid")!.Value);
        Assert.Equal(("1", "account"), (api.Element("bindingtype")!.Value, api.Element("boundentitylogicalname")!.Value));
        Assert.Equal("5", Entry("customapis/cos_RescoreAccount/customapirequestparameters/Target/customapirequestparameter.xml").Element("type")!.Value);
    }

    [Fact]
    public void Pack_RegistersWorkflowActivitiesWithTheirGroup()
    {
        Pack();

        var activity = Customizations().Descendants("PluginType").Single(t => (string?)t.Attribute("Name") == "CreditOS.Solution.Fixtures.RouteForApproval");
        Assert.Equal("creditOS", activity.Element("WorkflowActivityGroupName")!.Value);
    }

    [Fact]
    public void Pack_PutsFormsViewsChartsAndCommandBarInsideTheirTable()
    {
        Pack();

        var account = Customizations().Element("Entities")!.Elements("Entity").Single(e => e.Element("Name")!.Value == "Account");
        Assert.NotNull(account.Element("FormXml")?.Element("forms")?.Element("systemform"));
        Assert.Equal(6, account.Element("SavedQueries")!.Descendants("savedquery").Count());
        Assert.Equal(["Collector workload", "Tier mix"], account.Element("Visualizations")!.Elements("visualization").Select(v => v.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value).Order(StringComparer.Ordinal));
        Assert.NotNull(account.Element("RibbonDiffXml"));
        var kpis = Customizations().Element("Entities")!.Elements("Entity").Single(e => e.Element("Name")!.Value == "cos_PortfolioKpi");
        Assert.Equal(7, kpis.Element("Visualizations")!.Elements("visualization").Count());
    }

    [Fact]
    public void Pack_CarriesTheCreditManagementDashboard_AndThePanelsWebResources()
    {
        Pack();

        var dashboard = Assert.Single(Customizations().Element("Dashboards")!.Elements("Dashboard"));
        Assert.Equal("Credit management", dashboard.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value);
        Assert.Equal(8, dashboard.Descendants("VisualizationId").Count());
        // The credit manager's charts named in issue 12, each drawn on the dashboard: today's aging (a web resource that
        // computes it from the open receivables, issue 15 session 16) and the KPI snapshot's figures per segment.
        var charts = Customizations().Element("Entities")!.Elements("Entity").SelectMany(e => e.Element("Visualizations")?.Elements("visualization") ?? [])
            .ToDictionary(v => v.Element("savedqueryvisualizationid")!.Value.Trim('{', '}').ToLowerInvariant(), v => v);
        var shown = dashboard.Descendants("VisualizationId").Select(id => charts[id.Value.Trim('{', '}').ToLowerInvariant()]).ToList();
        string NameOf(System.Xml.Linq.XElement chart) => chart.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value;
        Assert.Superset(
            new HashSet<string> { "Aging trend", "Rejection rate per segment", "Utilization per segment (target below 70%)", "Tier mix", "Utilization distribution", "DSO trend", "Approvals waiting by age" },
            shown.Select(NameOf).ToHashSet());
        Assert.Equal(["cos_/credit/aging.html", "cos_/credit/erp_resync.html"], dashboard.Descendants("control").Where(c => (string?)c.Attribute("classid") == "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}").Select(c => c.Element("parameters")!.Element("Url")!.Value));
        var perSegment = shown.Single(c => NameOf(c).StartsWith("Utilization per segment", StringComparison.Ordinal)).Element("datadescription")!.Value;
        Assert.All(["keyaccount", "midmarket", "smallbusiness", "publicsector", "distributor"], segment => Assert.Contains($"name=\"cos_utilization{segment}\"", perSegment, StringComparison.Ordinal));
        var webResources = Customizations().Element("WebResources")!.Elements("WebResource").Select(w => w.Element("Name")!.Value).ToList();
        Assert.Superset(new HashSet<string> { "cos_/credit/panel.html", "cos_/credit/panel.js", "cos_/credit/panel.css", "cos_/credit/aging.html", "cos_/credit/aging.js", "cos_/credit/erp_resync.html", "cos_/credit/erp_resync.js" }, webResources.ToHashSet());
    }

    [Fact]
    public void Pack_CarriesTheLinkToTheErpResyncView_InOneWebResource_LoadedByTheWorklistAndTheDashboardTile()
    {
        // Session 35: the worklist and the dashboard tile each carried the same navigateTo block; it has one home now.
        const string Shared = "cos_/scripts/erp_resync_view.js";
        const string ViewId = "08d36858-0562-4ef4-a283-d8c490e02fe4";
        Pack();

        var webResources = Customizations().Element("WebResources")!.Elements("WebResource").Select(w => w.Element("Name")!.Value).ToList();
        Assert.Contains(Shared, webResources);
        var folder = Path.Combine(TestPaths.SolutionDirectory, "src", "WebResources");
        string Text(string name) => File.ReadAllText(Path.Combine(folder, name));
        Assert.Contains("<script src=\"../scripts/erp_resync_view.js\"></script>", Text("cos_/collections/worklist.html"), StringComparison.Ordinal);
        Assert.Contains("<script src=\"../scripts/erp_resync_view.js\"></script>", Text("cos_/credit/erp_resync.html"), StringComparison.Ordinal);
        var naming = webResources.Where(name => name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".html", StringComparison.Ordinal))
            .Where(name => Text(name).Contains(ViewId, StringComparison.Ordinal))
            .ToList();
        Assert.Equal([Shared], naming);
    }

    [Fact]
    public void Pack_WarnsWhenAssembliesWereBuiltAgainstTheStandIn()
    {
        var result = Pack();

        Assert.Contains("CreditOS.Solution.Fixtures was built against the SDK stand-in", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_IsRepeatableWithStableIds()
    {
        Pack();
        var first = Customizations().Descendants("PluginAssembly").Single().Attribute("PluginAssemblyId")!.Value;
        Pack();

        Assert.Equal(first, Customizations().Descendants("PluginAssembly").Single().Attribute("PluginAssemblyId")!.Value);
    }

    [Fact]
    public void Pack_WithInconsistentSolution_FailsAndWritesNothing()
    {
        using var copy = new SolutionCopy();
        var view = Directory.GetFiles(copy.PathOf("src/Entities/cos_creditalert/SavedQueries")).Single();
        copy.Replace(view, "<attribute name=\"cos_alerttype\" />", "<attribute name=\"cos_alertkind\" />");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionPacker.Pack(Request(copy.Root)));

        Assert.Contains("cos_alertkind", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_output));
    }

    private SolutionPackResult Pack() => SolutionPacker.Pack(Request(TestPaths.SolutionDirectory));

    private SolutionPackRequest Request(string solutionDirectory) => new()
    {
        SolutionDirectory = solutionDirectory,
        PluginAssemblies = [FixtureAssembly.Path],
        OutputPath = _output,
    };

    private XElement Customizations() => Entry("customizations.xml");

    private XElement Entry(string name)
    {
        using var zip = ZipFile.OpenRead(_output);
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream).Root!;
    }
}
