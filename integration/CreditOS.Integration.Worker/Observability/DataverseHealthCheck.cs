using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// Healthy when the Dataverse Web API answers WhoAmI as the worker's application user. The answer is reused for
/// Health:DataverseCheckInterval so frequent probes do not spend the user's request budget.
/// </summary>
public sealed class DataverseHealthCheck : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly DataverseWebApiClient _client;
    private readonly TimeSpan _reuseFor;
    private readonly TimeProvider _clock;
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    [ActivatorUtilitiesConstructor]
    public DataverseHealthCheck(DataverseWebApiClient client, IOptions<HealthOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _reuseFor = options.Value.DataverseCheckInterval;
        _clock = clock;
    }

    /// <summary>Without health options (the check on its own): asks Dataverse every time.</summary>
    public DataverseHealthCheck(DataverseWebApiClient client)
        : this(client, Options.Create(new HealthOptions { DataverseCheckInterval = TimeSpan.Zero }), TimeProvider.System)
    {
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && _clock.GetUtcNow() - last.At < _reuseFor)
            {
                return last.Result;
            }

            var result = await AskAsync(cancellationToken).ConfigureAwait(false);
            _last = (result, _clock.GetUtcNow());
            return result;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<HealthCheckResult> AskAsync(CancellationToken cancellationToken)
    {
        try
        {
            var userId = await _client.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
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

    public void Dispose() => _oneAtATime.Dispose();
}
