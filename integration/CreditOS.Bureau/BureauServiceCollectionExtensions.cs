using CreditOS.Bureau.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CreditOS.Bureau;

public static class BureauServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBureauClient"/>: options from the <c>Bureau</c> section, a typed HttpClient from
    /// IHttpClientFactory with retries (429 honouring Retry-After, 5xx, 408, timeouts, refused connections; exponential
    /// back-off with jitter) and a per-attempt timeout, and the bearer token cache.
    /// </summary>
    public static IServiceCollection AddCreditOsBureauClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<BureauOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddCreditOsBureauClientCore();
    }

    /// <summary>As above with options set in code (tests, the demo).</summary>
    public static IServiceCollection AddCreditOsBureauClient(this IServiceCollection services, Action<BureauOptions> configure)
    {
        services.AddOptions<BureauOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return services.AddCreditOsBureauClientCore();
    }

    private static IServiceCollection AddCreditOsBureauClientCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BureauTokenCache>();
        services.TryAddTransient<BureauAuthenticationHandler>();
        services.AddHttpClient(BureauTokenCache.HttpClientName).AddResilienceHandler("bureau-authentication", Resilience);
        // Handlers run in the order added: each retry passes through the authentication handler again.
        var client = services.AddHttpClient<IBureauClient, BureauClient>();
        client.AddResilienceHandler("bureau", Resilience);
        client.AddHttpMessageHandler<BureauAuthenticationHandler>();
        return services;
    }

    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<BureauOptions>>().Value;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts),
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = arguments => ValueTask.FromResult(settings.MaxRetryAttempts > 0 && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
        });
        pipeline.AddTimeout(settings.AttemptTimeout);
    }
}
