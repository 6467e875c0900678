using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Troubleshoot Dataverse plug-ins, "Error: Sql error: Execution Timeout Expired"
/// (learn.microsoft.com/power-apps/developer/data-platform/troubleshoot-plug-in): "Error Code: -2147204783 Error Message: Sql error:
/// 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.'" and
/// "Blocking is the most common cause for a SQL Timeout error … the operation is waiting for resources that are being locked by another
/// SQL transaction". The local Dataverse answered a lock wait past its timeout with that code but a sentence of its own ("Sql error: A SQL
/// timeout expired waiting …"), and its README called the code local-only.
/// </summary>
public sealed class SqlTimeoutWordingProbes
{
    [Fact]
    public async Task ALockWaitPastTheTimeout_AnswersTheSqlTimeout_InThePublishedWords()
    {
        using var env = TestEnvironment.Builder().WithPlugin<GatedPlugin>().WithLockTimeout(TimeSpan.FromMilliseconds(100)).Build();
        var id = env.Service.Create(Rows.Account("Contoso", 100m));
        using var gate = TestGates.Open();
        var first = Task.Run(() => env.Service.Update(new Entity("account", id) { ["cos_notes"] = gate.Name }));
        Assert.True(gate.Reached.Wait(TestGates.SafetyTimeout));

        var fault = FaultAssert.Throws(DataverseErrorCodes.SqlTimeout, () => env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(9m) }));

        gate.Release.Set();
        await first.WaitAsync(TestGates.SafetyTimeout);
        Assert.Equal(-2147204783, DataverseErrorCodes.SqlTimeout);
        Assert.StartsWith(
            "Sql error: 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.'",
            fault.Message,
            StringComparison.Ordinal);
    }
}
