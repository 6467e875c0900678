using CreditOS.Cli.Demo.Environment;
using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.Cli.Demo.Story;
using CreditOS.CreditEngine.Portfolio;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo;

/// <summary>
/// A finished demo: the local Dataverse it ran on (still open, so its rows can be inspected), what was seeded and
/// loaded, what each story step did, and the KPIs printed at the end.
/// </summary>
internal sealed class DemoRun(LocalDataverseEnvironment dataverse, DemoClock clock) : IDisposable
{
    public LocalDataverseEnvironment Dataverse { get; } = dataverse;

    public DemoClock Clock { get; } = clock;

    public ReferenceData? Reference { get; set; }

    public LoadedPortfolio? Portfolio { get; set; }

    public List<StoryOutcome> Story { get; } = [];

    public List<string> SkippedSteps { get; } = [];

    public IntakeSummary? Intake { get; set; }

    /// <summary>The ERP messages the story published through the local Service Bus, and of those the dead-lettered.</summary>
    public int ServiceBusMessages { get; set; }

    public int ServiceBusDeadLettered { get; set; }

    public PortfolioKpis? Kpis { get; set; }

    public ApprovalQueueKpis? Approvals { get; set; }

    /// <summary>The full path of the HTML report the demo wrote.</summary>
    public string? ReportPath { get; set; }

    public T Outcome<T>()
        where T : StoryOutcome =>
        Story.OfType<T>().SingleOrDefault() ?? throw new InvalidOperationException("The demo did not play the step " + typeof(T).Name + ".");

    public void Dispose() => Dataverse.Dispose();
}
