using CreditOS.Bureau;
using CreditOS.Integration.Worker.Applications;
using CreditOS.Integration.Worker.Bureau;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Bureau;
using CreditOS.Integration.Worker.Messages.Adapters.Orders;
using CreditOS.Integration.Worker.Messages.Adapters.Payments;
using CreditOS.Integration.Worker.Messages.Adapters.Receivables;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Observability;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.Integration.Worker.Transport;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CreditOS.Integration.Worker;

public static class WorkerServiceCollectionExtensions
{
    private const string DataverseHttpClient = "dataverse";

    /// <summary>Everything the integration worker runs: options, transport, handlers, Dataverse client, jobs, health and telemetry.</summary>
    public static IServiceCollection AddCreditOsWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCreditOsWorkerCore(configuration);

        // Health first, so the probes answer (not ready) while the pumps start.
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<HealthEndpointServer>();
        var healthTimeouts = configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
        var health = services.AddHealthChecks();
        health.AddCheck<HostLivenessCheck>("host", tags: [HealthEndpointServer.LiveTag]);
        if (UsesServiceBus(configuration))
        {
            services.AddHostedService<ServiceBusPumpService>();
            health.AddCheck<ServiceBusHealthCheck>("broker", tags: [HealthEndpointServer.ReadyTag]);
        }
        else
        {
            services.AddHostedService<MessagePumpService>();
            health.AddCheck<BrokerHealthCheck>("broker", tags: [HealthEndpointServer.ReadyTag]);
        }

        services.AddHostedService<BatchRescoreJob>();
        services.AddHostedService<BureauRefreshJob>();
        services.AddCreditApplicationBureauJob(configuration);
        services.AddSingleton<DataverseHealthCheck>(); // one instance: it reuses its last answer (Health:DataverseCheckInterval)
        health.AddCheck<DataverseHealthCheck>("dataverse", tags: [HealthEndpointServer.ReadyTag], timeout: healthTimeouts.DataverseCheckTimeout);
        services.AddCreditOsTelemetry(configuration);

        // The host's graceful-shutdown wait is the pumps' in-flight bound (Pump:ShutdownTimeout, session 29), not .NET's
        // default 30 s: registered after the host's own HostOptions setup, so it is the value the host uses.
        services.AddOptions<HostOptions>().Configure<IOptions<PumpOptions>>((host, pump) => host.ShutdownTimeout = pump.Value.ShutdownTimeout);
        return services;
    }

    /// <summary>The services without hosted services, for tools and tests that drive the pieces themselves.</summary>
    public static IServiceCollection AddCreditOsWorkerCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        AddOptions(services, configuration);

        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<ReceiverStates>();
        services.AddSingleton<BrokerConnection>();
        services.AddSingleton<MessageSettler>();
        services.AddSingleton<ReplyPublisher>();
        services.AddSingleton<ServiceBusOrderOutcomeTopic>();
        services.AddSingleton<DeadLetterBacklog>();
        services.AddSingleton<AccountCache>();
        AddServiceBus(services, configuration);

        AddAdapters(services);
        services.AddScoped<PaymentBatchHandler>();
        services.AddScoped<PaymentReversalBatchHandler>();
        services.AddKeyedScoped<IMessageBatchHandler, PaymentQueueHandler>(QueueKind.Payments);
        services.AddKeyedScoped<IMessageBatchHandler, ReceivableBatchHandler>(QueueKind.Receivables);
        services.AddKeyedScoped<IMessageBatchHandler, BureauReportBatchHandler>(QueueKind.BureauReports);
        services.AddKeyedScoped<IMessageBatchHandler, OrderIntakeBatchHandler>(QueueKind.OrderIntake);
        services.AddScoped<IAccountDirectory, AccountDirectory>();
        services.AddScoped<AccountPager>();
        services.AddScoped<PortfolioKpiSnapshotWriter>();
        services.TryAddScoped<WebApiCustomerBaseRescorer>();
        services.TryAddScoped<SetBasedCustomerBaseRescorer>();
        services.TryAddScoped<ICustomerBaseRescorer>(provider => provider.GetRequiredService<IOptions<SchedulingOptions>>().Value.BatchRescoreSetBased
            ? provider.GetRequiredService<SetBasedCustomerBaseRescorer>()
            : provider.GetRequiredService<WebApiCustomerBaseRescorer>());
        AddBureauMonitoring(services, configuration);
        services.AddCreditApplicationBureauLookup(configuration);

        AddDataverseClient(services);
        return services;
    }

    /// <summary>Broker:Transport ServiceBus: the official client, its settler and reply sender, on the worker's one credential.</summary>
    private static void AddServiceBus(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => WorkerCredential.Create(provider.GetRequiredService<IOptions<IdentityOptions>>().Value));
        if (!UsesServiceBus(configuration))
        {
            return;
        }

        services.AddSingleton(provider => ServiceBusClientFactory.Create(
            provider.GetRequiredService<IOptions<BrokerOptions>>().Value,
            provider.GetRequiredService<Azure.Core.TokenCredential>));
        services.AddSingleton<ServiceBusSettler>();
        services.AddSingleton<ServiceBusReplySender>();
    }

    private static bool UsesServiceBus(IConfiguration configuration) =>
        configuration.GetSection(BrokerOptions.SectionName).GetValue<BrokerTransport>(nameof(BrokerOptions.Transport)) == BrokerTransport.ServiceBus;

    /// <summary>The daily bureau monitoring job, when a bureau is configured (section <c>Bureau</c>).</summary>
    private static void AddBureauMonitoring(IServiceCollection services, IConfiguration configuration)
    {
        var bureau = configuration.GetSection(BureauOptions.SectionName);
        if (!bureau.Exists())
        {
            return;
        }

        services.AddCreditOsBureauClient(bureau);
        services.AddOptions<BureauMonitoringOptions>().Bind(configuration.GetSection(BureauMonitoringOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTransient<RecommendedCreditConversion>();
        services.AddScoped<BureauMonitoringJob>();
        services.TryAddScoped<IBureauRefreshHook, BureauMonitoringRefresh>();
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerOptions>().Bind(configuration.GetSection(BrokerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.AddOptions<DataverseOptions>().Bind(configuration.GetSection(DataverseOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>();
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName));
        services.AddOptions<PumpOptions>().Bind(configuration.GetSection(PumpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChannelOptions>().Bind(configuration.GetSection(ChannelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
    }

    private static void AddAdapters(IServiceCollection services)
    {
        services.AddSingleton<IMessageAdapter<ErpPayment>, SapPaymentAdviceAdapter>();
        services.AddSingleton<IMessageAdapter<ErpPayment>, FinanceCustomerPaymentJournalAdapter>();
        services.AddSingleton<IMessageAdapter<ErpPayment>, LegacyCsvPaymentAdapter>();
        services.AddSingleton<IMessageAdapter<ErpPaymentReversal>, SapPaymentReversalAdapter>();
        services.AddSingleton<IMessageAdapter<ErpReceivable>, SapOpenItemAdapter>();
        services.AddSingleton<IMessageAdapter<ErpReceivable>, LegacyCsvReceivableAdapter>();
        services.AddSingleton<IMessageAdapter<BureauReport>, BureauReportAdapter>();
        services.AddSingleton<IMessageAdapter<ChannelOrder>, WebShopOrderAdapter>();
        services.AddSingleton<IMessageAdapter<ChannelOrder>, EdiOrdersAdapter>();
        services.AddSingleton<IMessageAdapter<ChannelOrder>, PartnerPortalOrderAdapter>();
        services.AddSingleton(typeof(AdapterSet<>));
    }

    private static void AddDataverseClient(IServiceCollection services)
    {
        services.AddSingleton<IDataverseTokenProvider>(provider =>
            provider.GetRequiredService<IOptions<DataverseOptions>>().Value.Authentication switch
            {
                DataverseAuthentication.None => new NoDataverseToken(),
                DataverseAuthentication.LocalToken => ActivatorUtilities.CreateInstance<LocalDataverseToken>(provider),
                DataverseAuthentication.TokenCredential => ActivatorUtilities.CreateInstance<TokenCredentialDataverseToken>(provider),
                _ => ActivatorUtilities.CreateInstance<MsalClientCredentialsTokenProvider>(provider),
            });
        services.AddTransient<BearerTokenHandler>();
        var client = services.AddHttpClient<DataverseWebApiClient>(DataverseHttpClient, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<DataverseOptions>>().Value;
            http.BaseAddress = new Uri(options.EnvironmentUrl!, options.ApiPath);
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times each attempt
            http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
            http.DefaultRequestHeaders.Add("OData-Version", "4.0");
        });
        client.AddResilienceHandler(DataverseHttpClient, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<DataverseOptions>>().Value;
            var metrics = context.ServiceProvider.GetRequiredService<WorkerMetrics>();
            // Concurrency first: a throttled request keeps its slot while it waits, so the worker backs off as a whole.
            pipeline.AddConcurrencyLimiter(options.MaxConcurrentRequests, queueLimit: 10_000);
            // Only reads are retried here. A write ($batch POST) is never re-sent by the pipeline: after a timeout its
            // original may still be running. DataverseWebApiClient re-sends only operations Dataverse answered as transient.
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(5),
                ShouldRetryAfterHeader = true,
                OnRetry = arguments =>
                {
                    metrics.Retried(arguments.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "exception");
                    return default;
                },
            };
            retry.DisableForUnsafeHttpMethods();
            pipeline.AddRetry(retry);
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = arguments => ValueTask.FromResult(
                    arguments.Context.GetRequestMessage()?.Method == HttpMethod.Get ? options.AttemptTimeout : options.BatchAttemptTimeout),
            });
        });
        client.AddHttpMessageHandler<BearerTokenHandler>();

        // HttpClient's own loggers write every request header at Trace, and their structured state keeps the values even
        // where the message is redacted: the bearer token must never be one of them. So they are replaced by a logger
        // that writes no header at all; the redaction stays for any default logger added later.
        services.AddSingleton<DataverseHttpLogger>();
        client.RemoveAllLoggers();
        client.AddLogger<DataverseHttpLogger>();
        client.RedactLoggedHeaders(SensitiveHeaders.IsSensitive);
    }
}
