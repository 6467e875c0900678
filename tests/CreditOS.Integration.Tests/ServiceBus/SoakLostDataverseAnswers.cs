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
internal sealed class SoakLostDataverseAnswers(int seed, int maxEach = 2)
{
    private readonly Random _random = new(seed ^ 0x27A05);
    private readonly Lock _gate = new();
    private int _paymentWrites;
    private int _others;

    /// <summary>Answers thrown away after their $batch committed, so far: batches that post payments, and others.</summary>
    public (int PaymentWrites, int Others) Lost
    {
        get
        {
            lock (_gate)
            {
                return (_paymentWrites, _others);
            }
        }
    }

    public void Register(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new LosingHandler(this)));

    /// <summary>
    /// Payment postings are the money path a lost answer endangers (their redelivery must meet the row by its alternate key and
    /// compare it, never post it twice), so a batch that posts payments loses its answer more often (15 %) than any other (5 %),
    /// up to <c>maxEach</c> of each kind a run.
    /// </summary>
    private bool Draw(bool postsPayments, out bool asTimeout)
    {
        lock (_gate)
        {
            asTimeout = _random.Next(2) == 0;
            var draw = _random.NextDouble();
            if (postsPayments ? _paymentWrites >= maxEach || draw >= 0.15 : _others >= maxEach || draw >= 0.05)
            {
                return false;
            }

            if (postsPayments)
            {
                _paymentWrites++;
            }
            else
            {
                _others++;
            }

            return true;
        }
    }

    private sealed class LosingHandler(SoakLostDataverseAnswers owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isBatch = request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true;
            // Read before sending (the content is buffered, so it is sent as read): does it post payments (a create-only PATCH
            // of cos_payments by alternate key)?
            var body = isBatch && request.Content is not null ? await request.Content.ReadAsStringAsync(cancellationToken) : string.Empty;
            var postsPayments = body.Contains("/cos_payments(", StringComparison.Ordinal) && body.Contains("If-None-Match: *", StringComparison.Ordinal);
            var response = await base.SendAsync(request, cancellationToken);
            if (!isBatch || !response.IsSuccessStatusCode || !owner.Draw(postsPayments, out var asTimeout))
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
