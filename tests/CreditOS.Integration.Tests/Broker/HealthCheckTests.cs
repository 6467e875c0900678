using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Observability;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditOS.Integration.Tests.Broker;

[Collection(BrokerCollection.Name)]
public sealed class HealthCheckTests
{
    [Fact]
    public async Task BrokerCheck_IsUnhealthyBeforeConnecting_AndHealthyWhenConnected()
    {
        await LocalBroker.EnsureRunningAsync();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(new Uri("http://127.0.0.1:9/")));
        var connection = worker.Services.GetRequiredService<BrokerConnection>();
        var check = new BrokerHealthCheck(connection);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        await connection.GetOpenConnectionAsync(CancellationToken.None);
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    [Fact]
    public async Task DataverseCheck_IsHealthyWhenTheWebApiAnswers_AndUnhealthyWhenNot()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var reachable = WorkerUnderTest.Create(WorkerConfiguration.For(local.Server.BaseUri));
        await using var unreachable = WorkerUnderTest.Create(WorkerConfiguration.For(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?> { ["Dataverse:MaxRetryAttempts"] = "1" }));

        var healthy = await new DataverseHealthCheck(reachable.Services.GetRequiredService<Worker.Dataverse.DataverseWebApiClient>()).CheckHealthAsync(new HealthCheckContext());
        var unhealthy = await new DataverseHealthCheck(unreachable.Services.GetRequiredService<Worker.Dataverse.DataverseWebApiClient>()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
    }
}
