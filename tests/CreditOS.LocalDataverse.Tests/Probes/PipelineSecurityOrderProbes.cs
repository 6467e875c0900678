using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Where the privilege checks sit in the event pipeline. Microsoft's "Event execution pipeline"
/// (learn.microsoft.com/power-apps/developer/data-platform/event-framework, "PreValidation"): the stage "occurs before
/// any security checks are performed to verify that the calling or logged-on user has the correct permission to perform
/// the intended operation"; PreOperation follows, inside the transaction. So a caller without the privilege meets the
/// pre-validation steps, is refused with PrivilegeDenied 0x80040220, and no pre-operation step runs.
/// </summary>
public sealed class PipelineSecurityOrderProbes
{
    [Fact]
    public void Create_WithoutThePrivilege_RunsPreValidation_ThenIsRefused_BeforeAnyPreOperationStep()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().WithPlugin<StageWitnessPlugin>().Build();

        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied,
            () => env.As(FixedIds.SalesRep).Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Generous" }));

        Assert.Equal([10], StagesReached(env, "Create"));
        Assert.Equal(0, env.Dataverse.Count("cos_creditpolicy"));
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("Delete")]
    public void UpdateOrDelete_WithoutThePrivilege_NeverReachesPreOperation(string message)
    {
        using var env = DataverseTestBuilder.ALocalDataverse().WithPlugin<StageWitnessPlugin>().Build();
        var policy = env.Service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard" });
        var salesRep = env.As(FixedIds.SalesRep);

        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () =>
        {
            if (message == "Update")
            {
                salesRep.Update(new Entity("cos_creditpolicy", policy) { ["cos_name"] = "Generous" });
            }
            else
            {
                salesRep.Delete("cos_creditpolicy", policy);
            }
        });

        Assert.Equal([10], StagesReached(env, message));
    }

    [Fact]
    public void Create_ByAHolderOfThePrivilege_RunsBothStages()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().WithPlugin<StageWitnessPlugin>().Build();

        env.As(FixedIds.CreditOfficer).Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard" });

        Assert.Equal([10, 20], StagesReached(env, "Create"));
    }

    private static int[] StagesReached(DataverseTestContext env, string message) =>
        env.Dataverse.PluginExecutions
            .Where(run => run.PluginType == typeof(StageWitnessPlugin) && run.MessageName == message)
            .Select(run => run.Stage)
            .ToArray();
}
