using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// A Dataverse write that commits but whose answer never reaches the worker (session 27): a handler on each worker's HTTP
/// clients lets a <c>$batch</c> POST run to its answer (so Dataverse has committed every operation it applied), then, drawn from
/// the run's seed, throws what the worker sees when the answer is lost: the resilience pipeline's attempt timeout
/// (<see cref="Polly.Timeout.TimeoutRejectedException"/>) or the connection ending before the response
/// (<see cref="HttpRequestError.ResponseEnded"/>). The worker must not send the batch again (its outcome is unknown) but abandon
/// its messages, whose redeliveries then meet the rows already written: a payment's create-only write answers 412 and is
/// compared, an invoice version or a reversal is a redelivery. Its own random, so a seed's stream and other faults draw as before.
/// </summary>
internal sealed class SoakLostDataverseAnswers(int seed, int maxLost = 4, double probability = 0.05)
{
    private readonly Random _random = new(seed ^ 0x27A05);
    private readonly Lock _gate = new();
    private int _lost;

    /// <summary>Answers thrown away after their $batch committed, so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public void Register(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new LosingHandler(this)));

    private bool Draw(out bool asTimeout)
    {
        lock (_gate)
        {
            asTimeout = _random.Next(2) == 0;
            if (_lost >= maxLost || _random.NextDouble() >= probability)
            {
                return false;
            }

            _lost++;
            return true;
        }
    }

    private sealed class LosingHandler(SoakLostDataverseAnswers owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) != true
                || !response.IsSuccessStatusCode || !owner.Draw(out var asTimeout))
            {
                return response;
            }

            // Read to the end first: the server has finished (committed) before the answer is lost.
            await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            if (asTimeout)
            {
                throw new Polly.Timeout.TimeoutRejectedException("Injected: the $batch committed, its answer was lost (attempt timeout).");
            }

            throw new HttpRequestException(HttpRequestError.ResponseEnded, "Injected: the $batch committed, the connection ended before its answer.");
        }
    }
}
