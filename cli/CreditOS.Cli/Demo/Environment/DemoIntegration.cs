using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Environment;

/// <summary>
/// The story's integration side, each part started on first use and stopped when the story ends: the local Dataverse's
/// Web API for the worker, and the local Service Bus with the worker's Service Bus pump for the ERP's payments.
/// </summary>
internal sealed class DemoIntegration(LocalDataverseEnvironment dataverse, DemoClock clock) : IAsyncDisposable
{
    private readonly DemoWebApi _webApi = new(dataverse, clock);
    private DemoServiceBus? _serviceBus;

    public Task<CreditOS.LocalDataverse.WebApi.Hosting.LocalDataverseWebApiServer> WebApiAsync() => _webApi.ServerAsync();

    /// <summary>The local Service Bus and the worker's pump, or null when the story published nothing through it.</summary>
    public DemoServiceBus? ServiceBusIfStarted => _serviceBus;

    public async Task<DemoServiceBus> ServiceBusAsync()
    {
        if (_serviceBus is null)
        {
            var webApi = await _webApi.ServerAsync().ConfigureAwait(false);
            _serviceBus = new DemoServiceBus(webApi.BaseUri, DemoWebApi.WorkerToken);
        }

        return _serviceBus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_serviceBus is not null)
        {
            await _serviceBus.DisposeAsync().ConfigureAwait(false);
        }

        await _webApi.DisposeAsync().ConfigureAwait(false);
    }
}
