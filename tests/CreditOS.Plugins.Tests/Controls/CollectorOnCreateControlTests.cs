extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AssignmentPlugin = plugins::CreditOS.Plugins.CollectorAssignmentPlugin;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (front line), round 7's open lead: rounds 6 and 7 made naming an account's collector by hand a
/// collections manager's act (a Finance approver or the Credit Administrator) naming a Collector, but only on Update. Sam
/// (Create on accounts, the only creditOS role that creates them) created his new customer naming himself its collector
/// (measured before the fix: accepted, no one stamped as having set it); the receivables the ERP then books carry him,
/// off every collector's worklist, until an assignment rule happens to match. Now the Create names a collector under the
/// same checks and stamp; an account created without one costs nothing. As Sam and Fiona through the local Dataverse
/// with every plug-in.
/// </summary>
public sealed class CollectorOnCreateControlTests : IDisposable
{
    private static readonly Guid NewCustomer = new("e1000000-0000-4000-8000-0000000000c7");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotCreateHisCustomerWithHimselfOrAnyoneAsItsCollector_ButCreatesItWithoutOne_AndFionaNamesColin()
    {
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var sam = world.Context.As(FixedIds.SalesRep);
        var accounts = world.Dataverse.Count(Account.EntityLogicalName);

        var himself = Refused(() => sam.Create(NewAccount(FixedIds.SalesRep)));
        var colinBySam = Refused(() => sam.Create(NewAccount(colin)));

        Assert.Contains($"The collector of 'Tailspin Toys' (open receivables 0.00, overdue 0.00) cannot be changed by you (from nobody to user {FixedIds.SalesRep:D})", himself, StringComparison.Ordinal);
        Assert.Contains("Ask a credit manager (the 'creditOS Finance Approver' role) or the Credit Administrator", himself, StringComparison.Ordinal);
        Assert.Contains($"(from nobody to user {colin:D})", colinBySam, StringComparison.Ordinal);
        Assert.Equal(accounts, world.Dataverse.Count(Account.EntityLogicalName));

        world.ForgetExecutions();
        sam.Create(NewAccount(null));
        Assert.All(world.ExecutionsOf(typeof(AssignmentPlugin)), run => Assert.Equal(0, run.ServiceCalls));
        world.Context.As(FixedIds.FinanceApprover).Update(new Entity(Account.EntityLogicalName, NewCustomer) { [Account.Fields.CollectorId] = new EntityReference("systemuser", colin) });

        var account = world.Account(NewCustomer);
        Assert.Equal(colin, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        Assert.Equal(FixedIds.FinanceApprover, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy)?.Id);
    }

    private static Entity NewAccount(Guid? collector)
    {
        var row = new Entity(Account.EntityLogicalName, NewCustomer) { [Account.Fields.Name] = "Tailspin Toys" };
        if (collector is { } id)
        {
            row[Account.Fields.CollectorId] = new EntityReference("systemuser", id);
        }

        return row;
    }
}
