using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.Transactions;

/// <summary>
/// READ COMMITTED with row locks, made deterministic: the <see cref="GatedPlugin"/> holds a transaction open
/// after its write until the test releases it; waiting is observed through TransactionsWaitingForLocks.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan Safety = TestGates.SafetyTimeout;

    [Fact]
    public async Task UncommittedWrite_IsInvisibleToOtherReaders_WhoDoNotWait_UntilCommit()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso", 100m));
        using var gate = TestGates.Open();

        var writer = Task.Run(() => env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(500m), ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(Safety));

        Assert.Equal(100m, Limit(env, id));

        gate.Release.Set();
        await writer.WaitAsync(Safety);
        Assert.Equal(500m, Limit(env, id));
    }

    [Fact]
    public async Task SecondWriterOfTheSameRow_WaitsUntilTheFirstCommits_ThenApplies()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso", 100m));
        using var gate = TestGates.Open();
        var first = Task.Run(() => env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(500m), ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(Safety));

        var second = Task.Run(() => env.As(TestEnvironment.Operator).Update(new Entity("account", id) { ["creditlimit"] = new Money(700m) }));
        Assert.True(SpinWait.SpinUntil(() => env.Dataverse.TransactionsWaitingForLocks == 1, Safety));
        Assert.False(second.IsCompleted);

        gate.Release.Set();
        await Task.WhenAll(first, second).WaitAsync(Safety);
        Assert.Equal(700m, Limit(env, id));
        Assert.Equal(TestEnvironment.Operator, env.Service.Get("account", id, "modifiedby").GetAttributeValue<EntityReference>("modifiedby").Id);
    }

    [Fact]
    public async Task WritersOfDifferentRows_DoNotWaitForEachOther()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().Build();
        var held = env.Service.Create(Rows.Account("Held", 100m));
        var other = env.Service.Create(Rows.Account("Other", 100m));
        using var gate = TestGates.Open();
        var first = Task.Run(() => env.Service.Update(new Entity("account", held) { ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(Safety));

        env.Service.Update(new Entity("account", other) { ["creditlimit"] = new Money(1m) });

        Assert.Equal(1m, Limit(env, other));
        gate.Release.Set();
        await first.WaitAsync(Safety);
    }

    /// <summary>
    /// Troubleshoot Dataverse plug-ins, "Error: Sql error: Execution Timeout Expired": "Error Code: -2147204783 Error Message: Sql error:
    /// 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.'",
    /// blocking being "the most common cause". Until session 22 the sentence was our own ("Sql error: A SQL timeout expired waiting …").
    /// </summary>
    [Fact]
    public async Task LockWaitLongerThanTheTimeout_FailsLoudlyAsSqlTimeout_InThePublishedWords_AndWritesNothing()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().WithLockTimeout(TimeSpan.FromMilliseconds(100)).Build();
        var id = env.Service.Create(Rows.Account("Contoso", 100m));
        using var gate = TestGates.Open();
        var first = Task.Run(() => env.Service.Update(new Entity("account", id) { ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(Safety));

        var fault = FaultAssert.Throws(DataverseErrorCodes.SqlTimeout, () => env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(9m) }));

        gate.Release.Set();
        await first.WaitAsync(Safety);
        Assert.Equal(100m, Limit(env, id));
        Assert.Equal(-2147204783, DataverseErrorCodes.SqlTimeout);
        Assert.StartsWith(
            "Sql error: 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.'",
            fault.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTransactionsWaitingForEachOther_AreADeadlock_TheLaterOneIsTheVictimAndRollsBack()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().Build();
        var a = env.Service.Create(Rows.Account("A"));
        var b = env.Service.Create(Rows.Account("B"));
        using var gateA = TestGates.Open(service => service.Update(new Entity("account", b) { ["name"] = "B written by first" }));
        using var gateB = TestGates.Open(service => service.Update(new Entity("account", a) { ["name"] = "A written by second" }));
        var first = Task.Run(() => env.Service.Update(new Entity("account", a) { ["cos_notes"] = gateA.Name }));
        Assert.True(gateA.Reached.Wait(Safety));
        var second = Task.Run(() => env.Service.Update(new Entity("account", b) { ["cos_notes"] = gateB.Name }));
        Assert.True(gateB.Reached.Wait(Safety));

        gateA.Release.Set();
        Assert.True(SpinWait.SpinUntil(() => env.Dataverse.TransactionsWaitingForLocks == 1, Safety));
        gateB.Release.Set();

        var fault = await Assert.ThrowsAsync<FaultException<OrganizationServiceFault>>(() => second.WaitAsync(Safety));
        Assert.Equal(DataverseErrorCodes.GenericSqlError, fault.Detail.ErrorCode);
        Assert.Contains("deadlock victim", fault.Detail.Message, StringComparison.Ordinal);
        await first.WaitAsync(Safety);
        Assert.Equal("A", env.Service.Get("account", a, "name").GetAttributeValue<string>("name"));
        Assert.Equal("B written by first", env.Service.Get("account", b, "name").GetAttributeValue<string>("name"));
        Assert.Equal(gateA.Name, env.Service.Get("account", a, "cos_notes").GetAttributeValue<string>("cos_notes"));
        Assert.False(env.Service.Get("account", b, "cos_notes").Contains("cos_notes"));
    }

    [Fact]
    public async Task ConcurrentUpsertsOfOneAlternateKey_CreateExactlyOneRow()
    {
        using var env = TestEnvironment.Create();

        var responses = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (UpsertResponse)env.Service.Execute(new UpsertRequest
            {
                Target = new Entity("account", "accountnumber", "ERP-42") { ["name"] = "v" + i },
            })))
            .ToArray();
        var results = await Task.WhenAll(responses).WaitAsync(Safety);

        Assert.Equal(1, env.Dataverse.Count("account"));
        Assert.Single(results, r => r.RecordCreated);
    }

    [Fact]
    public void OneOrganizationService_UsedFromManyThreads_CompletesEveryCall()
    {
        using var env = TestEnvironment.Create();

        Parallel.For(0, 200, i => env.Service.Create(Rows.Account("Account " + i)));

        Assert.Equal(200, env.Dataverse.Count("account"));
    }

    private static decimal Limit(DataverseTestContext env, Guid id) =>
        env.Service.Get("account", id, "creditlimit").GetAttributeValue<Money>("creditlimit").Value;
}
