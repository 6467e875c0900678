using System.Globalization;
using System.Text.RegularExpressions;
using CreditOS.Cli.Demo.Reporting;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>The demo ends by writing the credit management picture as one self-contained HTML page and says where it is.</summary>
public sealed partial class DemoReportTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    [Fact]
    public void Demo_WritesTheReport_AndPrintsItsPath()
    {
        Assert.Equal(demo.ReportPath, demo.Run.ReportPath);
        Assert.True(File.Exists(demo.ReportPath));
        Assert.Contains("The credit management report (the dashboard's picture of this portfolio, with charts) is at " + demo.ReportPath, demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ShowsTheRunsKpis_WithItsCharts_AndLoadsNothingFromElsewhere()
    {
        var html = File.ReadAllText(demo.ReportPath);
        var kpis = demo.Run.Kpis!;

        Assert.Contains("id=\"kpi-utilization\"><b class=\"" + (kpis.UtilizationWithinTarget ? "good" : "bad") + "\">" + Figures.Percent(kpis.UtilizationRate) + "</b>", html, StringComparison.Ordinal);
        Assert.Contains(Figures.Days(kpis.DaysSalesOutstanding), html, StringComparison.Ordinal);
        foreach (var chart in new[] { "utilization-distribution", "tier-mix", "segment-utilization", "rejection-rate", "aging", "approvals-waiting" })
        {
            Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + chart + "\"", html, StringComparison.Ordinal);
        }

        // The utilization distribution's bars count every account with a limit once.
        var bands = kpis.UtilizationBands;
        Assert.Equal(
            [bands.Under50, bands.From50To80, bands.From80To95, bands.From95],
            ChartValues(html, "utilization-distribution").Select(v => (int)v));
        Assert.Equal((double)kpis.AgingTotals.Over90Days, ChartValues(html, "aging")[4], 4);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalReference().Matches(html));
    }

    private static List<double> ChartValues(string html, string chart)
    {
        var start = html.IndexOf("id=\"" + chart + "\"", StringComparison.Ordinal);
        var svg = html[start..html.IndexOf("</svg>", start, StringComparison.Ordinal)];
        return [.. DataValue().Matches(svg).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex("data-value=\"([0-9.]+)\"")]
    private static partial Regex DataValue();

    [GeneratedRegex("(?:src|href)\\s*=\\s*\"(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
