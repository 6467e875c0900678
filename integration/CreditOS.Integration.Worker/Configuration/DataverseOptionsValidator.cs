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

        var longestBatch = options.OperationTimeBudget * options.BatchSize;
        if (longestBatch > options.BatchAttemptTimeout)
        {
            failures.Add($"Dataverse: a batch of {options.BatchSize} operations at {options.OperationTimeBudget.TotalSeconds:0.###} s each may run {longestBatch.TotalSeconds:0} s, longer than BatchAttemptTimeout ({options.BatchAttemptTimeout.TotalSeconds:0} s); lower BatchSize.");
        }

        if (options.Authentication == DataverseAuthentication.LocalToken
            && (string.IsNullOrEmpty(options.LocalAccessToken) || options.EnvironmentUrl is { IsLoopback: false }))
        {
            failures.Add("Dataverse: Authentication LocalToken needs LocalAccessToken and is only allowed for a local Dataverse on loopback.");
        }

        if (!options.ApiPath.EndsWith('/'))
        {
            failures.Add("Dataverse: ApiPath must end with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
