using System.Globalization;
using System.Net.Http.Headers;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The local Web API host over a credit world, with each person signed in with their own Entra identity: the token maps
/// to their systemuser by applicationid, so every request runs as that person with their roles and field security.
/// </summary>
internal sealed class PeopleOverTheWebApi : IAsyncDisposable
{
    private readonly Dictionary<Guid, HttpClient> clients;
    private readonly LocalDataverseWebApiServer server;

    private PeopleOverTheWebApi(LocalDataverseWebApiServer server, Dictionary<Guid, HttpClient> clients)
    {
        this.server = server;
        this.clients = clients;
    }

    /// <summary>The service root, for the absolute URLs of $batch parts.</summary>
    public Uri ServiceRoot => server.ServiceRoot;

    /// <summary>The HTTP client signed in as <paramref name="user"/>.</summary>
    public HttpClient this[Guid user] => clients[user];

    public static async Task<PeopleOverTheWebApi> StartAsync(CreditWorld world, params Guid[] users)
    {
        ArgumentNullException.ThrowIfNull(world);
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        var tokens = new Dictionary<Guid, string>();
        foreach (var user in users)
        {
            var applicationId = Guid.NewGuid();
            world.Service.Update(new Entity("systemuser", user) { ["applicationid"] = applicationId, ["domainname"] = user.ToString("N", CultureInfo.InvariantCulture) + "@creditos.example" });
            tokens[user] = "local-token-" + user.ToString("N", CultureInfo.InvariantCulture);
            options.AccessTokens[tokens[user]] = applicationId;
        }

        var server = await LocalDataverseWebApiServer.StartAsync(world.Dataverse, options);
        var clients = new Dictionary<Guid, HttpClient>();
        foreach (var (user, token) in tokens)
        {
#pragma warning disable CA2000 // Owned by this object: disposed in DisposeAsync.
            var client = new HttpClient { BaseAddress = server.ServiceRoot };
#pragma warning restore CA2000
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            clients[user] = client;
        }

        return new PeopleOverTheWebApi(server, clients);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await server.DisposeAsync();
    }
}
