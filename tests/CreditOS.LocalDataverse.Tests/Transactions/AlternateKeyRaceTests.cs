using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Transactions;

/// <summary>
/// The two ways Dataverse refuses a taken alternate key (Service/AlternateKeys): a row already holding the values is found by
/// the key check, DuplicateRecordEntityKey 0x80060892 (reference/web-service-error-codes); a concurrent writer of the same values
/// is met at the unique index once it commits, the SQL key-constraint error DuplicateRecord 0x80040237 "Cannot insert duplicate
/// key." ("Troubleshoot Dataverse client errors").
/// </summary>
public sealed class AlternateKeyRaceTests
{
    [Fact]
    public async Task ASecondWriterOfTheSameKeyValues_WaitsForTheFirst_ThenMeetsTheUniqueIndex()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().Build();
        var first = env.Service.Create(Rows.Account("First"));
        using var gate = TestGates.Open();
        var writer = Task.Run(() => env.Service.Update(new Entity("account", first) { ["accountnumber"] = "K-1", ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(TestGates.SafetyTimeout));

        var second = Task.Run(() =>
        {
            var row = Rows.Account("Second");
            row["accountnumber"] = "k-1";
            return env.As(TestEnvironment.Operator).Create(row);
        });
        Assert.True(SpinWait.SpinUntil(() => env.Dataverse.TransactionsWaitingForLocks == 1, TestGates.SafetyTimeout));

        gate.Release.Set();
        await writer.WaitAsync(TestGates.SafetyTimeout);
        var fault = await Assert.ThrowsAsync<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => second.WaitAsync(TestGates.SafetyTimeout));
        Assert.Equal(DataverseErrorCodes.DuplicateRecord, fault.Detail.ErrorCode);
        Assert.Equal("Cannot insert duplicate key.", fault.Detail.Message);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void AKeyAlreadyCommitted_IsRefusedByTheKeyCheck()
    {
        using var env = TestEnvironment.Create();
        var first = Rows.Account("First");
        first["accountnumber"] = "K-1";
        env.Service.Create(first);
        var second = Rows.Account("Second");
        second["accountnumber"] = "K-1";

        var fault = FaultAssert.Throws(DataverseErrorCodes.DuplicateRecordEntityKey, () => env.Service.Create(second));
        Assert.StartsWith("Entity Key cos_accountnumber_key violated. A record with the same value for accountnumber already exists.", fault.Message, StringComparison.Ordinal);
    }
}
