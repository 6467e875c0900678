using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Configuration;

internal sealed class DataverseOptionsValidator : IValidateOptions<DataverseOptions>
{
    public ValidateOptionsResult Validate(string? name, DataverseOptions options)
    {
        var failures = new List<string>();
        if (options.EnvironmentUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Dataverse: EnvironmentUrl must be an absolute URL.");
        }

        if (options.Authentication == DataverseAuthentication.ClientCredentials
            && (string.IsNullOrEmpty(options.TenantId) || string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)))
        {
            failures.Add("Dataverse: client credentials need TenantId, ClientId and ClientSecret (the secret from environment or user secrets).");
        }

        if (options.Authentication == DataverseAuthentication.None && options.EnvironmentUrl is { IsLoopback: false })
        {
            failures.Add("Dataverse: Authentication None is only allowed for a local Dataverse on loopback.");
        }

        if (!options.ApiPath.EndsWith('/'))
        {
            failures.Add("Dataverse: ApiPath must end with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
