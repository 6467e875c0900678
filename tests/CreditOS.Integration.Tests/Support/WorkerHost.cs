using CreditOS.Integration.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// One worker process as it is deployed: a generic host built by <see cref="WorkerServiceCollectionExtensions.AddCreditOsWorker"/>,
/// whose hosted services consume every queue on the configured transport. Several can run side by side, each with its
/// own broker connection and Dataverse client, as separate worker processes would. Nothing here names a transport, so
/// a test written against it runs on whichever one the worker's configuration selects.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerHost(IHost host, SettledMessages settled)
    {
        _host = host;
        Settled = settled;
    }

    /// <summary>The worker's services (its health endpoint server, for example).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The message ids this instance settled.</summary>
    public SettledMessages Settled { get; }

    /// <param name="configuration">The worker's configuration.</param>
    /// <param name="services">Added after the worker's own registrations (a log capture, a credential that records what it is asked).</param>
    public static async Task<WorkerHost> StartAsync(IConfiguration configuration, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCreditOsWorker(builder.Configuration);
        services?.Invoke(builder.Services);
        var settled = new SettledMessages();
        settled.Register(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host, settled);
    }

    public async Task StopAsync() => await _host.StopAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        Settled.Dispose();
    }
}
