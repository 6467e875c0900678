using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Environment;

/// <summary>
/// The local Dataverse's Web API for the demo's integration worker, started once per story on first use: the worker's
/// application user (creditOS Integration role and field security profile) signs in with its local token, as in
/// production it would with its Entra app registration. Shared by the bureau monitoring chapter and the ERP payments
/// over Service Bus, so the application user is created once.
/// </summary>
internal sealed class DemoWebApi(LocalDataverseEnvironment dataverse, DemoClock clock) : IAsyncDisposable
{
    public const string WorkerToken = "local-demo-token-creditos-worker";
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-00000000de01");
    private LocalDataverseWebApiServer? _server;

    public async Task<LocalDataverseWebApiServer> ServerAsync()
    {
        if (_server is not null)
        {
            return _server;
        }

        var user = ApplicationUsers.Create(dataverse, "creditOS integration worker (demo)", WorkerApplicationId);
        ApplicationUsers.AssignRole(dataverse, user, "creditOS Integration");
        dataverse.AssignFieldSecurityProfile(user, dataverse.SolutionFieldSecurityProfileId("creditOS Integration Readers"));
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false }, Clock = clock };
        options.AccessTokens[WorkerToken] = WorkerApplicationId;
        _server = await LocalDataverseWebApiServer.StartAsync(dataverse, options).ConfigureAwait(false);
        return _server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}
