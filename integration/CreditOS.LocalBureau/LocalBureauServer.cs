using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.LocalBureau;

/// <summary>The local bureau on loopback (Kestrel), in process for tests and the demo, or as the project's own process.</summary>
public sealed class LocalBureauServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly LocalTokens tokens;

    private LocalBureauServer(WebApplication app, LocalTokens tokens, LocalBureauState state, LocalBureauOptions options, Uri root)
    {
        this.app = app;
        this.tokens = tokens;
        State = state;
        Options = options;
        Root = root;
    }

    public LocalBureauState State { get; }

    public LocalBureauOptions Options { get; }

    /// <summary>The server root, e.g. http://127.0.0.1:5091/.</summary>
    public Uri Root { get; }

    /// <summary>The API root the client's <c>Bureau:BaseAddress</c> points at.</summary>
    public Uri ApiBaseAddress => new(Root, "v1/");

    /// <summary>The portal URL template for the client's <c>Bureau:PortalCompanyUrlTemplate</c>.</summary>
    public string PortalCompanyUrlTemplate => new Uri(Root, "portal/companies/").AbsoluteUri + "{connectId}";

    public static async Task<LocalBureauServer> StartAsync(LocalBureauOptions? options = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalBureauOptions { Port = 0 };
        clock ??= TimeProvider.System;
        var state = new LocalBureauState(clock);
        if (options.Seed)
        {
            foreach (var company in SeedCompanies.All())
            {
                state.AddCompany(company);
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var tokens = new LocalTokens(clock, options.TokenLifetime);
        LocalBureauEndpoints.Map(app, state, tokens, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalBureauServer(app, tokens, state, options, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        tokens.Dispose();
    }
}
