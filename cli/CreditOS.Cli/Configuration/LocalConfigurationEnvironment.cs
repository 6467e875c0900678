extern alias plugins;
extern alias workflows;

using CreditOS.Cli.Demo;
using CreditOS.Cli.Demo.Environment;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.LocalDataverse;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using PluginAssemblyMarker = plugins::CreditOS.Dataverse.Framework.PluginBase;
using WorkflowAssemblyMarker = workflows::CreditOS.Workflows.Infrastructure.WorkflowActivityBase;

namespace CreditOS.Cli.Configuration;

/// <summary>
/// <c>creditos config</c> without <c>--url</c>: an embedded local Dataverse holding the shipped credit configuration as the demo
/// seeds it (currency, policies, tiers, rule set and matrix, the solution's approval data), every plug-in registered, and its local
/// Web API, signed in as a Credit Administrator (role and field security profile as packed). What is proposed there lives as long as
/// the command: it shows the settings and checks a change before it is proposed to a real environment with <c>--url</c>.
/// </summary>
internal sealed class LocalConfigurationEnvironment : IAsyncDisposable
{
    private const string Token = "creditos-config-local";
    private static readonly Guid AdministratorId = new("c0f19000-0000-4000-8000-00000000c0f1");

    private LocalConfigurationEnvironment(LocalDataverseEnvironment dataverse, LocalDataverseWebApiServer server)
    {
        Dataverse = dataverse;
        Server = server;
    }

    public LocalDataverseEnvironment Dataverse { get; }

    public LocalDataverseWebApiServer Server { get; }

    public static async Task<LocalConfigurationEnvironment> StartAsync(DemoOptions options)
    {
        var clock = new DemoClock(options.StartOfDemo);
        var dataverse = new LocalDataverseEnvironment(new LocalDataverseOptions { Clock = clock });
        try
        {
            var service = dataverse.GetOrganizationService();
            var registration = new PluginRegistration(dataverse, [typeof(PluginAssemblyMarker).Assembly, typeof(WorkflowAssemblyMarker).Assembly]);
            registration.RegisterConfigurationGuards();
            CurrencySeeder.Seed(service, options.Portfolio.Currency);
            CreditConfigurationSeeder.Seed(service, options.Portfolio.HistoryStart);
            FinanceSeeder.Seed(dataverse, service);
            registration.RegisterEverythingElse();
            var administrator = ApplicationUsers.Create(dataverse, "creditOS configuration (creditos config)", AdministratorId);
            ApplicationUsers.AssignRole(dataverse, administrator, "creditOS Credit Administrator");
            dataverse.AssignFieldSecurityProfile(administrator, dataverse.SolutionFieldSecurityProfileId("creditOS Credit Configurers"));
            var webApi = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false }, Clock = clock };
            webApi.AccessTokens[Token] = AdministratorId;
            return new LocalConfigurationEnvironment(dataverse, await LocalDataverseWebApiServer.StartAsync(dataverse, webApi).ConfigureAwait(false));
        }
        catch
        {
            dataverse.Dispose();
            throw;
        }
    }

    /// <summary>A client of the local Web API signed in as the Credit Administrator.</summary>
    public HttpClient Client() => Commands.ConfigCommand.Client(Server.BaseUri, Token);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        Dataverse.Dispose();
    }
}
