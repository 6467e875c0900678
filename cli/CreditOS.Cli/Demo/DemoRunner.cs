extern alias plugins;
extern alias workflows;

using System.Diagnostics;
using CreditOS.Cli.Demo.Environment;
using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.Cli.Demo.Scoring;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.Cli.Demo.Story;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;
using CreditOS.LocalDataverse;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using PluginAssemblyMarker = plugins::CreditOS.Dataverse.Framework.PluginBase;
using WorkflowAssemblyMarker = workflows::CreditOS.Workflows.Infrastructure.WorkflowActivityBase;

namespace CreditOS.Cli.Demo;

/// <summary>
/// Runs creditOS on an embedded local Dataverse: solution metadata, reference data, a generated portfolio loaded
/// through the organization service, the real plugin and workflow assemblies, a batch rescore, the story, the
/// credit picture and the portfolio KPIs.
/// </summary>
internal static class DemoRunner
{
    public static DemoRun Run(DemoOptions options, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        var output = new DemoOutput(writer);
        var stopwatch = Stopwatch.StartNew();
        var clock = new DemoClock(options.StartOfDemo);
        var dataverse = new LocalDataverseEnvironment(new LocalDataverseOptions { Clock = clock });
        var run = new DemoRun(dataverse, clock);
        try
        {
            Play(run, options, output);
            output.Section("Done");
            output.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The demo ran in {stopwatch.Elapsed.TotalSeconds:0.0} s."));
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    private static void Play(DemoRun run, DemoOptions options, DemoOutput output)
    {
        var dataverse = run.Dataverse;
        var service = dataverse.GetOrganizationService();
        var configuration = DefaultCreditConfiguration.Create();
        var today = run.Clock.Today;

        output.Title("creditOS on the local Dataverse");
        output.Line("Today is " + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + "; the solution's metadata is loaded (" + Figures.Count(dataverse.Metadata.Tables.Count) + " tables).");

        var registration = new PluginRegistration(dataverse, [typeof(PluginAssemblyMarker).Assembly, typeof(WorkflowAssemblyMarker).Assembly]);
        var guards = registration.RegisterConfigurationGuards();

        output.Section("Reference data");
        var portfolioOptions = options.Portfolio;
        var currencyId = CurrencySeeder.Seed(service, portfolioOptions.Currency);
        var (policies, tiers, ruleSet) = CreditConfigurationSeeder.Seed(service, portfolioOptions.HistoryStart);
        var finance = FinanceSeeder.Seed(dataverse, service);
        var reference = new ReferenceData
        {
            CurrencyId = currencyId,
            CurrencyCode = portfolioOptions.Currency,
            PolicyIdsByCode = policies,
            TierIdsByCode = tiers,
            RuleSetId = ruleSet,
            Finance = finance,
        };
        run.Reference = reference;
        output.Line("Currency " + reference.CurrencyCode + "; " + policies.Count + " credit policies, " + tiers.Count + " tiers, "
            + Figures.Count(dataverse.Count(CreditOS.Dataverse.Model.ScoringRule.EntityLogicalName)) + " scoring rule bands and "
            + configuration.TierMatrix.Count + " tier matrix cells from the engine's default configuration, checked by the " + guards + " configuration guard plugins on the way in ("
            + Figures.Count(dataverse.PluginExecutions.Count) + " guard runs, none refused).");
        output.Line("Solution data imported: Finance approval queues, the '" + finance.FinanceTeamName + "' team, the default approval route, environment variables.");
        output.Line("Users: " + finance.People.SalesRepName + " (sales rep) and " + finance.People.FinanceApproverName + " (finance approver, member of '"
            + finance.FinanceTeamName + "').");

        output.Section("Portfolio");
        var histories = SamplePortfolioGenerator.Generate(portfolioOptions);
        var loaded = new PortfolioLoader(service, reference, today).Load(histories);
        run.Portfolio = loaded;
        output.Line("Generated " + Figures.Count(histories.Count) + " B2B customers (seed " + options.Seed + ") with "
            + portfolioOptions.Months + " months of history, loaded through the organization service as the ERP migration:");
        output.Line(Figures.Count(loaded.TotalRows) + " rows in " + Figures.Count(loaded.Batches) + " ExecuteMultiple batches of at most "
            + Figures.Count(BatchWriter.MaxRequestsPerBatch) + " requests (" + string.Join(", ", loaded.RowsByTable.Select(p => Figures.Count(p.Value) + " " + p.Key)) + ").");

        output.Section("Plugins and workflows");
        registration.RegisterEverythingElse();
        var processes = dataverse.ActivateProcesses([typeof(WorkflowAssemblyMarker).Assembly]);
        var capabilities = new PipelineCapabilities(dataverse);
        output.Line(Figures.Count(dataverse.RegisteredSteps.Count) + " plugin steps in all registered from the CreditOS.Plugins and CreditOS.Workflows assemblies"
            + " (after the migration, as a data load runs with steps off, so two years of postings do not each trigger an event rescore);");
        output.Line(Figures.Count(processes.Count) + " classic workflow processes of the solution activated: " + string.Join(", ", processes.Select(p => p.Name)) + ".");

        output.Section("Scheduled rescore");
        var rescore = new BatchRescorer(service).RescoreAll(run.Clock.UtcNow);
        output.Line("Rescored " + Figures.Count(rescore.Accounts) + " accounts in scheduled mode with the plugins' rescoring service (aggregate queries per account,"
            + " tiers and policies read from their records): " + Figures.Count(rescore.Changed) + " credit pictures written with a score-history entry (trigger: scheduled).");
        foreach (var refused in rescore.Refusals.GroupBy(r => r.Reason, StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            output.Line("Not scored (" + Figures.Count(refused.Count()) + "): " + refused.Key);
        }

        dataverse.ClearPluginExecutions();

        var story = new StoryContext(run, reference, capabilities, output, options.Seed);
        StoryTeller.Tell(story);

        output.Section("Credit picture");
        CreditPictureReport.Write(output, service, run);

        output.Section("Portfolio KPIs");
        run.Kpis = PortfolioKpiReader.Read(service, reference.CurrencyCode, today, story.OrderChecks);
        PortfolioKpiReport.Write(output, run.Kpis);

        output.Section("Report");
        run.Approvals = ApprovalQueueReader.Read(service, run.Clock.UtcNow);
        run.ReportPath = Path.GetFullPath(options.ReportPath);
        CreditOS.Cli.Commands.OutputFile.WriteText(run.ReportPath, DemoHtmlReport.Render(today, run.Kpis, AccountSnapshot.ReadAll(service), run.Approvals));
        output.Line("The credit management report (the dashboard's picture of this portfolio, with charts) is at " + run.ReportPath);
    }
}
