using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>Supplies the bearer token for Web API calls; null means none is sent.</summary>
public interface IDataverseTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Client credentials (application user) through MSAL; MSAL caches and renews the token.</summary>
public sealed class MsalClientCredentialsTokenProvider : IDataverseTokenProvider
{
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;

    public MsalClientCredentialsTokenProvider(IOptions<DataverseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _application = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
            .WithClientSecret(settings.ClientSecret)
            .WithAuthority(AzureCloudInstance.AzurePublic, settings.TenantId)
            .Build();
        _scopes = [new Uri(settings.EnvironmentUrl!, ".default").AbsoluteUri];
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _application.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }
}

/// <summary>No token: the local Dataverse on loopback.</summary>
public sealed class NoDataverseToken : IDataverseTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>The fixed token the local Dataverse issued (Authentication LocalToken, loopback only).</summary>
public sealed class LocalDataverseToken(IOptions<DataverseOptions> options) : IDataverseTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.LocalAccessToken);
}

/// <summary>Adds the bearer token to each attempt, so a retried request carries a fresh one.</summary>
public sealed class BearerTokenHandler(IDataverseTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
