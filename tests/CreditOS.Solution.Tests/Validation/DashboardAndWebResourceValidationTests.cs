using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Validation;

/// <summary>The validator's checks of charts, the dashboard and web resources, each proven on a broken copy of the solution.</summary>
public sealed class DashboardAndWebResourceValidationTests
{
    private const string Dashboard = "src/Dashboards/{8866ea8d-45f4-503e-a73e-d58e13a526ba}.xml";
    private const string DsoChart = "src/Entities/cos_portfoliokpi/Visualizations/{b07aa399-aaf6-5077-bcad-7f95451b91f5}.xml";
    private const string AgingChart = "src/Entities/cos_portfoliokpi/Visualizations/{1b8d073d-cb56-5d48-a0e5-b6bf59d7d4a7}.xml";
    private const string Panel = "src/WebResources/cos_/credit/panel.html";
    private const string UtilizationPerSegmentChart = "src/Entities/cos_portfoliokpi/Visualizations/{e58cbaea-4ba4-5262-9d9a-73e06621a396}.xml";

    [Fact]
    public void Chart_FetchingAnUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(DsoChart), "name=\"cos_dsodays\"", "name=\"cos_dso\"");

        Assert.Contains("cos_dso", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_WhoseMeasureIsNotAnAliasOfTheFetch_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(DsoChart), "&lt;measure alias=\"dso\" /&gt;", "&lt;measure alias=\"days\" /&gt;");

        Assert.Contains("measure 'days' is not an alias", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_DrawingFewerSeriesThanItsMeasures_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(AgingChart), "&lt;Series ChartType=\"StackedColumn\" IsValueShownAsLabel=\"False\" BorderWidth=\"3\" MarkerStyle=\"Circle\" MarkerSize=\"5\"&gt;&lt;SmartLabelStyle Enabled=\"True\" /&gt;&lt;/Series&gt;", string.Empty);

        Assert.Contains("5 measures but its presentation draws 0 series", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortfolioAgingChart_SummingAColumnTheKpiSnapshotDoesNotHave_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(AgingChart), "name=\"cos_agingover90\"", "name=\"cos_agingover120\"");

        Assert.Contains("cos_agingover120", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UtilizationPerSegmentChart_DrawingFewerSeriesThanSegments_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(UtilizationPerSegmentChart), "&lt;Series ChartType=\"Line\" IsValueShownAsLabel=\"False\" BorderWidth=\"3\" MarkerStyle=\"Circle\" MarkerSize=\"5\"&gt;&lt;SmartLabelStyle Enabled=\"True\" /&gt;&lt;/Series&gt;", string.Empty);

        Assert.Contains("5 measures but its presentation draws 0 series", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DashboardAgingWebResource_ShowingAWebResourceTheSolutionDoesNotDefine_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Dashboard), "<Url>cos_/credit/aging.html</Url>", "<Url>cos_/credit/ageing.html</Url>");

        Assert.Contains("'cos_/credit/ageing.html', which the solution does not define", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DashboardAgingWebResource_NamingAnotherWebResourcesId_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Dashboard), "<WebResourceId>{29f07365-6826-5a22-a4ae-7e2e1c3c75ba}</WebResourceId>", "<WebResourceId>{1515087b-0ce3-5d45-a046-cf7649480eea}</WebResourceId>");

        Assert.Contains("names 'cos_/credit/aging.html' with id 1515087b", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DashboardChart_OverAViewOfAnotherTable_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Dashboard), "<ViewId>{a5cf528f-8032-52c9-9eb5-b96f9cc3c116}</ViewId>", "<ViewId>{bf775359-ef3d-5cfc-8e6c-6488985d6f75}</ViewId>");

        Assert.Contains("not a view of 'account'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DashboardChart_ShowingAChartTheSolutionDoesNotDefine_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Dashboard), "<VisualizationId>{b07aa399-aaf6-5077-bcad-7f95451b91f5}</VisualizationId>", "<VisualizationId>{00000000-aaf6-5077-bcad-7f95451b91f5}</VisualizationId>");

        Assert.Contains("is not a chart of 'cos_portfoliokpi'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_MissingFromTheApp_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf("src/AppModules/cos_creditOS/AppModule.xml"), "<AppModuleComponent type=\"60\" id=\"{8866ea8d-45f4-503e-a73e-d58e13a526ba}\" />", string.Empty);

        Assert.Contains("is not in the app", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PanelHtml_LoadingAScriptFromACdn_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Panel), "<script src=\"panel.js\"></script>", "<script src=\"https://cdn.example.com/chart.js\"></script><script src=\"panel.js\"></script>");

        Assert.Contains("loads 'https://cdn.example.com/chart.js'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PanelHtml_LoadingAFileThatIsNoWebResource_IsReported()
    {
        using var copy = new SolutionCopy();

        var problem = SingleProblemAfter(copy, copy.PathOf(Panel), "href=\"panel.css\"", "href=\"panel-theme.css\"");

        Assert.Contains("'panel-theme.css' (cos_/credit/panel-theme.css), which is not a web resource", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormWebResourceControl_NamingAnUnknownWebResource_IsReported()
    {
        using var copy = new SolutionCopy();
        var form = Directory.GetFiles(copy.PathOf("src/Entities/account/FormXml/main")).Single();

        var problem = SingleProblemAfter(copy, form, "<Url>cos_/credit/panel.html</Url>", "<Url>cos_/credit/credit.html</Url>");

        Assert.Contains("shows 'cos_/credit/credit.html', which the solution does not define", problem.Message, StringComparison.Ordinal);
    }

    private static SolutionProblem SingleProblemAfter(SolutionCopy copy, string file, string find, string replace)
    {
        copy.Replace(file, find, replace);
        return Assert.Single(SolutionValidator.Validate(copy.Files));
    }
}
