using System.Collections.Concurrent;
using CreditOS.Bureau;
using CreditOS.LocalBureau;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Bureau;

/// <summary>A local bureau on a free loopback port and the production client (DI, IHttpClientFactory, resilience) pointed at it.</summary>
internal sealed class LocalBureauForClient : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private LocalBureauForClient(LocalBureauServer server, ServiceProvider services, CollectingLoggerProvider logs)
    {
        Server = server;
        this.services = services;
        Logs = logs;
        Client = services.GetRequiredService<IBureauClient>();
    }

    public LocalBureauServer Server { get; }

    public LocalBureauState Bureau => Server.State;

    public IBureauClient Client { get; }

    public CollectingLoggerProvider Logs { get; }

    public static async Task<LocalBureauForClient> StartAsync(TimeProvider? clock = null, Action<BureauOptions>? configure = null)
    {
        var server = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 }, clock);
        var logs = new CollectingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddCreditOsBureauClient(options =>
        {
            Configure(options, server);
            configure?.Invoke(options);
        });
        return new LocalBureauForClient(server, collection.BuildServiceProvider(), logs);
    }

    /// <summary>The settings tests use: the local bureau's address and user, short back-off so retries stay quick.</summary>
    public static void Configure(BureauOptions options, LocalBureauServer server)
    {
        options.BaseAddress = server.ApiBaseAddress;
        options.UserName = server.Options.UserName;
        options.Password = server.Options.Password;
        options.PortalCompanyUrlTemplate = server.PortalCompanyUrlTemplate;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.MaxRetryDelay = TimeSpan.FromSeconds(2);
        options.MaxRetryAttempts = 3;
        options.AttemptTimeout = TimeSpan.FromSeconds(10);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
