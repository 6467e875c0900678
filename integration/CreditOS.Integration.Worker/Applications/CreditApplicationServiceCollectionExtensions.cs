using CreditOS.Bureau;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditOS.Integration.Worker.Applications;

public static class CreditApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The bureau lookup of submitted credit applications: its options, and the bureau client and the step when a bureau
    /// is configured (section <c>Bureau</c> with a <c>BaseAddress</c>); without one the worker runs as before and
    /// applications wait for it.
    /// </summary>
    public static IServiceCollection AddCreditApplicationBureauLookup(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CreditApplicationOptions>().Bind(configuration.GetSection(CreditApplicationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var bureau = configuration.GetSection(BureauOptions.SectionName);
        if (string.IsNullOrWhiteSpace(bureau[nameof(BureauOptions.BaseAddress)]))
        {
            return services;
        }

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(IBureauClient)))
        {
            services.AddCreditOsBureauClient(bureau);
        }

        services.TryAddTransient<Bureau.RecommendedCreditConversion>();
        services.TryAddTransient<CreditApplicationBureauStep>();
        return services;
    }

    /// <summary>The job that runs the step on its interval, only where a bureau is configured.</summary>
    public static IServiceCollection AddCreditApplicationBureauJob(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration.GetSection(BureauOptions.SectionName)[nameof(BureauOptions.BaseAddress)]))
        {
            services.AddHostedService<CreditApplicationJob>();
        }

        return services;
    }
}
