extern alias plugins;
extern alias workflows;

using CreditOS.Cli.Demo;
using CreditOS.Cli.Demo.Environment;
using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Scoring;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.CreditEngine.Samples;
using CreditOS.LocalDataverse;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using PluginAssemblyMarker = plugins::CreditOS.Dataverse.Framework.PluginBase;
using WorkflowAssemblyMarker = workflows::CreditOS.Workflows.Infrastructure.WorkflowActivityBase;

namespace CreditOS.Cli.Reports;

/// <summary>
/// The demo portfolio on an embedded local Dataverse, as the demo prepares it before its story (reference data, the
/// generated portfolio loaded as the ERP migration, the real plugins registered, one scheduled rescore), for reports
/// that read what Dataverse holds.
/// </summary>
internal sealed class DemoPortfolioEnvironment : IDisposable
{
    private DemoPortfolioEnvironment(LocalDataverseEnvironment dataverse, DemoClock clock)
    {
        Dataverse = dataverse;
        Clock = clock;
    }

    public LocalDataverseEnvironment Dataverse { get; }

    public DemoClock Clock { get; }

    public static DemoPortfolioEnvironment Prepare(DemoOptions options)
    {
        var clock = new DemoClock(options.StartOfDemo);
        var environment = new DemoPortfolioEnvironment(new LocalDataverseEnvironment(new LocalDataverseOptions { Clock = clock }), clock);
        try
        {
            var dataverse = environment.Dataverse;
            var service = dataverse.GetOrganizationService();
            var registration = new PluginRegistration(dataverse, [typeof(PluginAssemblyMarker).Assembly, typeof(WorkflowAssemblyMarker).Assembly]);
            registration.RegisterConfigurationGuards();
            var portfolio = options.Portfolio;
            var currencyId = CurrencySeeder.Seed(service, portfolio.Currency);
            var (policies, tiers, ruleSet) = CreditConfigurationSeeder.Seed(service, portfolio.HistoryStart);
            var reference = new ReferenceData
            {
                CurrencyId = currencyId,
                CurrencyCode = portfolio.Currency,
                PolicyIdsByCode = policies,
                TierIdsByCode = tiers,
                RuleSetId = ruleSet,
                Finance = FinanceSeeder.Seed(dataverse, service),
            };
            new PortfolioLoader(service, reference, clock.Today).Load(SamplePortfolioGenerator.Generate(portfolio));
            registration.RegisterEverythingElse();
            new BatchRescorer(service).RescoreAll(clock.UtcNow);
            return environment;
        }
        catch
        {
            environment.Dispose();
            throw;
        }
    }

    public void Dispose() => Dataverse.Dispose();
}
