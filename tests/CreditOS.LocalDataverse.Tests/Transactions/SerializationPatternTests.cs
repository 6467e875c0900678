using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Transactions;

/// <summary>
/// Why a credit check must write the account row before reading the exposure: READ COMMITTED lets two
/// concurrent checks both pass; the row lock taken by the write makes the second wait and see the first.
/// </summary>
public sealed class SerializationPatternTests
{
    [Fact]
    public async Task CheckThatOnlyReads_LetsTwoConcurrentOperationsBothPass()
    {
        using var env = Environment(lockAccountFirst: false);
        var account = env.Service.Create(Rows.Account("Contoso"));
        using var gate = TestGates.Open();

        var first = Task.Run(() => env.Service.Create(ContactUnder(account, gate.Name)));
        Assert.True(gate.Reached.Wait(TestGates.SafetyTimeout));
        env.Service.Create(ContactUnder(account, "second"));
        gate.Release.Set();
        await first.WaitAsync(TestGates.SafetyTimeout);

        Assert.Equal(2, env.Dataverse.Count("contact"));
    }

    [Fact]
    public async Task CheckThatWritesTheAccountFirst_MakesTheSecondWait_AndSeeTheFirst()
    {
        using var env = Environment(lockAccountFirst: true);
        var account = env.Service.Create(Rows.Account("Contoso"));
        using var gate = TestGates.Open();

        var first = Task.Run(() => env.Service.Create(ContactUnder(account, gate.Name)));
        Assert.True(gate.Reached.Wait(TestGates.SafetyTimeout));
        var second = Task.Run(() => env.Service.Create(ContactUnder(account, "second")));
        Assert.True(SpinWait.SpinUntil(() => env.Dataverse.TransactionsWaitingForLocks == 1, TestGates.SafetyTimeout));
        gate.Release.Set();
        await first.WaitAsync(TestGates.SafetyTimeout);

        var refused = await Assert.ThrowsAsync<FaultException<OrganizationServiceFault>>(() => second.WaitAsync(TestGates.SafetyTimeout));
        Assert.Equal(DataverseErrorCodes.IsvAborted, refused.Detail.ErrorCode);
        Assert.Equal(OneContactPerAccountPlugin.Refusal, refused.Detail.Message);
        Assert.Equal(1, env.Dataverse.Count("contact"));
    }

    private static DataverseTestContext Environment(bool lockAccountFirst)
    {
        var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(OneContactPerAccountPlugin), Guid.NewGuid(), "Create", "contact", PipelineStageNumber.PreOperation, false, 1, [],
            lockAccountFirst ? OneContactPerAccountPlugin.LockAccountFirst : null, null, []));
        return env;
    }

    private static Entity ContactUnder(Guid account, string lastName)
    {
        var contact = Rows.Contact(lastName);
        contact["parentcustomerid"] = new EntityReference("account", account);
        return contact;
    }
}
