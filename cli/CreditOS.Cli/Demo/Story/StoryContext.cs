using CreditOS.Cli.Demo.Environment;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.CreditEngine.Portfolio;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Story;

/// <summary>What every story step works with: the run, the reference rows, the people's services, the output.</summary>
internal sealed class StoryContext(DemoRun run, ReferenceData reference, PipelineCapabilities capabilities, DemoOutput output, ulong seed)
{
    public DemoRun Run { get; } = run;

    public ReferenceData Reference { get; } = reference;

    public PipelineCapabilities Capabilities { get; } = capabilities;

    public DemoOutput Output { get; } = output;

    /// <summary>The worker's Web API and the local Service Bus, started on first use, stopped by <see cref="StoryTeller"/>.</summary>
    public DemoIntegration Integration { get; } = new(run.Dataverse, run.Clock);

    /// <summary>The demo's seed, so the day's orders are the same on every run.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Every order the story sent through the credit check, for the rejection rate per segment.</summary>
    public List<OrderCheckRecord> OrderChecks { get; } = [];

    public IOrganizationService System => Run.Dataverse.GetOrganizationService();

    public IOrganizationService SalesRep => Run.Dataverse.GetOrganizationService(Reference.People.SalesRepId);

    public IOrganizationService FinanceApprover => Run.Dataverse.GetOrganizationService(Reference.People.FinanceApproverId);

    public void Skip(string step, string why)
    {
        Run.SkippedSteps.Add(step);
        Output.Line("Not played: " + step + " (" + why + ").");
    }
}
