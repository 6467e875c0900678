using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Optimistic concurrency through the SDK ("Optimistic concurrency",
/// learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency): an Update or Delete with
/// ConcurrencyBehavior.IfRowVersionMatches and a stale RowVersion faults with ConcurrencyVersionMismatch 0x80060882 and
/// changes nothing; without a RowVersion it faults with ConcurrencyVersionNotProvided 0x80060883; the current one passes.
/// </summary>
public sealed class RowVersionProbes
{
    [Fact]
    public void AnUpdateWithAStaleRowVersion_IsRefused_AndTheCurrentOneIsApplied()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);
        var read = service.Retrieve("account", id, new ColumnSet("name"));
        service.Update(new Entity("account", id) { ["name"] = "Changed by someone else" });

        var stale = new Entity("account", id) { ["name"] = "Mine", RowVersion = read.RowVersion };
        FaultAssert.Throws(DataverseErrorCodes.ConcurrencyVersionMismatch, () =>
            service.Execute(new UpdateRequest { Target = stale, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));
        Assert.Equal("Changed by someone else", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));

        var current = service.Retrieve("account", id, new ColumnSet("name"));
        service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Mine", RowVersion = current.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });
        Assert.Equal("Mine", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void IfRowVersionMatches_WithoutARowVersion_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        FaultAssert.Throws(DataverseErrorCodes.ConcurrencyVersionNotProvided, () =>
            service.Execute(new UpdateRequest { Target = new Entity("account", id) { ["name"] = "x" }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));
    }

    [Fact]
    public void ADeleteWithAStaleRowVersion_IsRefused_AndTheRowStays()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);
        var stale = service.Retrieve("account", id, new ColumnSet("name")).RowVersion;
        service.Update(new Entity("account", id) { ["name"] = "Changed" });

        FaultAssert.Throws(DataverseErrorCodes.ConcurrencyVersionMismatch, () =>
            service.Execute(new DeleteRequest { Target = new EntityReference("account", id) { RowVersion = stale }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));

        Assert.Equal("Changed", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AlwaysOverwrite_WritesWhateverTheRowVersion()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Overwritten", RowVersion = "1" },
            ConcurrencyBehavior = ConcurrencyBehavior.AlwaysOverwrite,
        });

        Assert.Equal("Overwritten", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }
}
