using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Tests.Configuration;

/// <summary>
/// Session 29: the host's graceful-shutdown wait is Pump:ShutdownTimeout (the pumps' in-flight bound: the queues' lock
/// duration), set on the same kind of host the worker's Program builds; before, it was .NET's unset default of 30 s.
/// </summary>
public sealed class ShutdownTimeoutTests
{
    private static readonly Uri Loopback = new("http://127.0.0.1:9/");

    [Fact]
    public void Unset_the_host_waits_the_queues_lock_duration_of_one_minute_not_dotnets_30_seconds()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), ShutdownTimeoutOf(new Dictionary<string, string?>()));
    }

    [Fact]
    public void Pump_ShutdownTimeout_is_the_hosts_shutdown_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), ShutdownTimeoutOf(new Dictionary<string, string?> { ["Pump:ShutdownTimeout"] = "00:00:07" }));
    }

    [Fact]
    public void The_host_configuration_key_does_not_override_the_pumps_bound()
    {
        // .NET's own host key (shutdownTimeoutSeconds) would otherwise set a wait that says nothing about the worker's locks.
        Assert.Equal(TimeSpan.FromSeconds(45), ShutdownTimeoutOf(new Dictionary<string, string?>
        {
            ["shutdownTimeoutSeconds"] = "5",
            ["Pump:ShutdownTimeout"] = "00:00:45",
        }));
    }

    [Fact]
    public void A_timeout_of_zero_is_refused_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => ShutdownTimeoutOf(new Dictionary<string, string?> { ["Pump:ShutdownTimeout"] = "00:00:00" }));
        Assert.Contains("ShutdownTimeout", failure.Message, StringComparison.Ordinal);
    }

    private static TimeSpan ShutdownTimeoutOf(Dictionary<string, string?> overrides)
    {
        var configuration = WorkerConfiguration.For(Loopback, overrides);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "creditos-worker-test" });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddCreditOsWorker(builder.Configuration);
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }
}
