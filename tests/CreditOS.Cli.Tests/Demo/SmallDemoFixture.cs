using CreditOS.Cli.Demo;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>One demo run on a small generated portfolio, shared by the tests that inspect its outcome in the local Dataverse.</summary>
public sealed class SmallDemoFixture : IDisposable
{
    public const int Customers = 40;
    public const ulong Seed = 20_260_101;

    public SmallDemoFixture()
    {
        using var output = new StringWriter();
        ReportPath = Path.Combine(Path.GetTempPath(), "creditos-demo-" + Guid.NewGuid().ToString("N") + ".html");
        Run = DemoRunner.Run(new DemoOptions { Customers = Customers, Seed = Seed, ReportPath = ReportPath }, output);
        Output = output.ToString();
    }

    internal DemoRun Run { get; }

    public string Output { get; }

    public string ReportPath { get; }

    public void Dispose()
    {
        Run.Dispose();
        File.Delete(ReportPath);
    }
}
