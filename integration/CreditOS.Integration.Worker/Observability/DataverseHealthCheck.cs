using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>Healthy when the Dataverse Web API answers WhoAmI.</summary>
public sealed class DataverseHealthCheck(DataverseWebApiClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var userId = await client.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"reachable as user {userId}");
        }
        catch (DataverseException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy("Dataverse is not reachable.", exception);
        }
    }
}
