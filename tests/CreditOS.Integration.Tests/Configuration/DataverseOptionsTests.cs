using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Tests.Configuration;

/// <summary>Batch sizing and timeouts are checked at start so a batch cannot outlive its attempt and be raced by a re-send.</summary>
public sealed class DataverseOptionsTests
{
    private static readonly Uri Loopback = new("http://127.0.0.1:9/");

    [Fact]
    public void Defaults_SmallBatches_WithABatchTimeoutPastDataversesTwoMinuteLimit()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal(50, options.BatchSize);
        Assert.True(options.BatchAttemptTimeout > TimeSpan.FromMinutes(2));
        Assert.True(options.OperationTimeBudget * options.BatchSize <= options.BatchAttemptTimeout);
    }

    [Fact]
    public void BatchThatCouldOutliveItsAttempt_IsRefusedAtStart_WithTheFigures()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Dataverse:BatchSize"] = "250",
            ["Dataverse:OperationTimeBudget"] = "00:00:02",
            ["Dataverse:BatchAttemptTimeout"] = "00:05:00",
        }));

        Assert.Contains("a batch of 250 operations at 2 s each may run 500 s, longer than BatchAttemptTimeout (300 s)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchTimeoutShorterThanDataversesOperationLimit_IsRefused()
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Dataverse:BatchAttemptTimeout"] = "00:01:00" }));
    }

    [Fact]
    public void LocalToken_ToANonLoopbackEnvironment_IsRefused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(
            new Dictionary<string, string?> { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com/" }));

        Assert.Contains("LocalToken", failure.Message, StringComparison.Ordinal);
    }

    private static DataverseOptions Resolve(Dictionary<string, string?> overrides)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCreditOsWorkerCore(WorkerConfiguration.For(Loopback, overrides));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DataverseOptions>>().Value;
    }
}
