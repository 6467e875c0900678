using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Transactions;

public sealed class PluginTransactionTests
{
    [Fact]
    public void PostOperationFailure_RollsBackTheOperation_AndWritesThePluginMade()
    {
        using var env = TestEnvironment.Builder().WithPlugin<WriteThenFailPlugin>().Build();

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvAborted, () => env.Service.Create(Rows.Account("undo")));

        Assert.Equal(WriteThenFailPlugin.Message, fault.Message);
        Assert.Equal(0, env.Dataverse.Count("account"));
        Assert.Equal(0, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void PostOperationWrites_AreCommittedWithTheOperation()
    {
        using var env = TestEnvironment.Builder().WithPlugin<WriteThenFailPlugin>().Build();

        env.Service.Create(Rows.Account("keep"));

        Assert.Equal(1, env.Dataverse.Count("account"));
        Assert.Equal(1, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void PreOperationFailure_StopsTheOperation_ButPreValidationWritesStay_BecauseStage10RunsOutsideTheTransaction()
    {
        using var env = TestEnvironment.Builder().WithPlugin<PreValidationWriterPlugin>().WithPlugin<RefusingPreOperationPlugin>().Build();

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvAborted, () => env.Service.Create(Rows.Account("refuse")));

        Assert.Equal(RefusingPreOperationPlugin.Message, fault.Message);
        Assert.Contains("checking refuse", fault.TraceText, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
        Assert.Equal(1, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void PreValidationOfANestedCall_RunsInsideTheCallersTransaction_AndIsRolledBackWithIt()
    {
        using var env = TestEnvironment.Builder().WithPlugin<PreValidationWriterPlugin>().Build();
        var request = new Microsoft.Xrm.Sdk.Messages.ExecuteTransactionRequest
        {
            Requests =
            [
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = Rows.Account("inside") },
                new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = Rows.Account(new string('x', 500)) },
            ],
        };

        Assert.ThrowsAny<Exception>(() => env.Service.Execute(request));

        Assert.Equal(0, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void OrdinaryException_ReachesTheCallerAsUnexpectedPluginFault_WithTrace()
    {
        using var env = TestEnvironment.Builder().WithPlugin<CrashingPlugin>().Build();

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvUnExpected, () => env.Service.Create(Rows.Account("crash")));

        Assert.Equal(
            $"Unexpected exception from plug-in (Execute): {typeof(CrashingPlugin).FullName}: System.InvalidOperationException: Something unexpected.",
            fault.Message);
        Assert.Contains("about to look at the target", fault.TraceText, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void NestedCalls_RaiseDepth_AndAChainDeeperThanEight_IsStoppedAsAnInfiniteLoop()
    {
        using var env = TestEnvironment.Builder().WithPlugin<LoopingPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso"));

        var fault = FaultAssert.Throws(DataverseErrorCodes.InfiniteLoopDetected, () =>
            env.Service.Update(new Entity("account", id) { ["cos_creditcheckcount"] = 1 }));

        Assert.StartsWith("This workflow job was canceled because the workflow that started it included an infinite loop.", fault.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 8), env.Dataverse.PluginExecutions.Select(x => x.Depth));
        Assert.False(env.Service.Get("account", id, "cos_creditcheckcount").Contains("cos_creditcheckcount"));
    }

    [Fact]
    public void SwallowingANestedFault_StillLosesTheTransaction()
    {
        using var env = TestEnvironment.Builder().WithPlugin<SwallowingPlugin>().Build();

        // Raised when the swallowing plug-in returns (Probes/SwallowedFaultProbes); it was NoActiveTransaction at commit before session 22.
        FaultAssert.Throws(DataverseErrorCodes.IsvReducedOpenTransactionCount, () => env.Service.Create(Rows.Account("Contoso")));

        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void AsyncStep_RunsAfterCommit_InItsOwnContext_OutsideTheTransaction()
    {
        using var env = TestEnvironment.Builder().WithPlugin<AsyncAuditPlugin>().Build();

        var id = env.Service.Create(Rows.Account("Contoso"));

        var run = Assert.Single(env.Dataverse.PluginExecutions);
        Assert.Equal(1, run.Mode);
        Assert.Contains($"mode=1 intransaction=False id={id}", run.Trace, StringComparison.Ordinal);
        Assert.True(Assert.Single(env.Dataverse.AsyncOperations).Succeeded);
        Assert.Equal(1, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void AsyncStepFailure_IsRecorded_AndDoesNotUndoTheOperation()
    {
        using var env = TestEnvironment.Builder().WithPlugin<AsyncAuditPlugin>().Build();

        var id = env.Service.Create(Rows.Account("async-fail"));

        var result = Assert.Single(env.Dataverse.AsyncOperations);
        Assert.False(result.Succeeded);
        Assert.Equal(AsyncAuditPlugin.Failure, result.Error);
        Assert.Equal(id, result.PrimaryEntityId);
        Assert.True(env.Service.Exists("account", id));
    }

    [Fact]
    public void QueuedAsyncSteps_WaitForRunPendingAsyncOperations()
    {
        using var env = TestEnvironment.Builder().WithPlugin<AsyncAuditPlugin>().WithQueuedAsyncSteps().Build();

        env.Service.Create(Rows.Account("Contoso"));
        Assert.Equal(1, env.Dataverse.PendingAsyncOperations);
        Assert.Equal(0, env.Dataverse.Count("contact"));

        Assert.Equal(1, env.Dataverse.RunPendingAsyncOperations());
        Assert.Equal(1, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void AsyncStepOfARolledBackOperation_NeverRuns()
    {
        using var env = TestEnvironment.Builder().WithPlugin<AsyncAuditPlugin>().WithPlugin<WriteThenFailPlugin>().Build();

        Assert.ThrowsAny<Exception>(() => env.Service.Create(Rows.Account("undo")));

        Assert.Empty(env.Dataverse.AsyncOperations);
        Assert.Equal(0, env.Dataverse.Count("contact"));
    }
}
