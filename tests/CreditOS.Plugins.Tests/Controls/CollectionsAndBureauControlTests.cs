extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using BureauChange = plugins::CreditOS.Dataverse.Model.BureauChange;
using MonitorStatus = plugins::CreditOS.Dataverse.Model.BureauMonitorStatus;
using PromiseStatus = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using SuspensionLift = plugins::CreditOS.Dataverse.Model.SuspensionLift;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The session-5 collections and bureau features held against the people they control, each as that user (Sam the
/// sales rep, Colin the collector, Fiona the Finance approver, Ada the System Administrator) through the local
/// Dataverse with every plugin of the assembly: promise figures and outcomes, bureau monitoring state, bureau changes
/// and suspension lifts.
/// </summary>
public sealed class CollectionsAndBureauControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public CollectionsAndBureauControlTests()
    {
        AnAccount().WithLimit(20_000).Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void SamAndFiona_CannotRewriteTheAccountsPromiseFigures_NorWhoSetItsCollector_ButSettingACollectorRecordsThem()
    {
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.PromisesBrokenFiscalYear] = 3 });
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");

        var bySam = Refused(() => world.Context.As(FixedIds.SalesRep).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.PromisesBrokenFiscalYear] = 0 }));
        var byFiona = Refused(() => world.Context.As(FixedIds.FinanceApprover).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.CollectorId] = new EntityReference("systemuser", colin),
            [Account.Fields.CollectorSetBy] = new EntityReference("systemuser", FixedIds.CreditOfficer),
        }));
        world.Context.As(FixedIds.FinanceApprover).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CollectorId] = new EntityReference("systemuser", colin) });

        Assert.Contains(Account.Fields.PromisesBrokenFiscalYear, bySam, StringComparison.Ordinal);
        Assert.Contains(Account.Fields.CollectorSetBy, byFiona, StringComparison.Ordinal);
        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(3, account.GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear));
        Assert.Equal(colin, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        Assert.Equal(FixedIds.FinanceApprover, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy)?.Id);
    }

    [Fact]
    public void Sam_QueuesHisCustomerForBureauMonitoring_ButCannotSwitchItOffNorMarkItMonitored_WhichOnlyTheWorkerDoes()
    {
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CountryCode] = "DE", [Account.Fields.RegistrationNumber] = "HRB100003" });
        var sam = world.Context.As(FixedIds.SalesRep);
        var ivy = world.Context.AUser("Ivy Integration").WithRole(SolutionRoles.Integration).Create();

        var markedMonitored = Refused(() => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.BureauMonitored] = true,
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Monitored),
        }));
        sam.Execute(new OrganizationRequest("cos_QueueBureauMonitoring") { ["AccountIds"] = new[] { CreditTestIds.Customer.ToString() } });
        var queued = world.Account(CreditTestIds.Customer);
        world.Context.As(ivy).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Monitored),
            [Account.Fields.BureauConnectId] = "DE-HRB100003",
        });
        var switchedOff = Refused(() => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.BureauMonitored] = false }));
        var requeued = Refused(() => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Pending),
        }));

        Assert.Contains(Account.Fields.BureauMonitorStatus, markedMonitored, StringComparison.Ordinal);
        Assert.Equal((int)MonitorStatus.Pending, queued.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
        Assert.Contains(Account.Fields.BureauMonitored, switchedOff, StringComparison.Ordinal);
        Assert.Contains("bureau monitoring job", requeued, StringComparison.Ordinal);
        var monitored = world.Account(CreditTestIds.Customer);
        Assert.True(monitored.GetAttributeValue<bool>(Account.Fields.BureauMonitored));
        Assert.Equal((int)MonitorStatus.Monitored, monitored.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
    }

    [Fact]
    public void Colin_CannotRecordAPromiseAlreadyKept_NorMarkHisPromiseKept_NorMoveItsDate()
    {
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var asColin = world.Context.As(colin);

        var enteredKept = Refused(() => asColin.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = "Kept already",
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [PromiseToPay.Fields.Amount] = new Money(1_000m),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(-3),
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseStatus.Kept),
        }));
        var promise = world.APromise(colin, 1_000m, 5, "INV-00001");
        var markedKept = Refused(() => asColin.Update(new Entity(PromiseToPay.EntityLogicalName, promise)
        {
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseStatus.Kept),
            [PromiseToPay.Fields.KeptAmount] = new Money(1_000m),
        }));
        var moved = Refused(() => asColin.Update(new Entity(PromiseToPay.EntityLogicalName, promise) { [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(60) }));
        asColin.Update(new Entity(PromiseToPay.EntityLogicalName, promise) { [PromiseToPay.Fields.Name] = "Promise 1000 (called the CFO)" });

        Assert.Contains("cannot be entered already resolved", enteredKept, StringComparison.Ordinal);
        Assert.Contains(PromiseToPay.Fields.PromiseStatus, markedKept, StringComparison.Ordinal);
        Assert.Contains(PromiseToPay.Fields.PromisedFor, moved, StringComparison.Ordinal);
        var row = world.Promise(promise);
        Assert.Equal((int)PromiseStatus.Open, row.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal(CreditTestIds.Today.AddDays(5), row.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor));
        Assert.Equal("Promise 1000 (called the CFO)", row.GetAttributeValue<string>(PromiseToPay.Fields.Name));
        Assert.Single(world.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
    }

    [Fact]
    public void Fiona_CannotDeleteOrReopenABrokenPromise_WhichTheRiskScoreCounts_ButDeletesAnOpenOneRecordedByMistake()
    {
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var broken = world.Service.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = "Broken in November",
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [PromiseToPay.Fields.Amount] = new Money(1_000m),
            [PromiseToPay.Fields.PromisedOn] = CreditTestIds.Today.AddDays(-60),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(-50),
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseStatus.Broken),
            [PromiseToPay.Fields.ResolvedOn] = CreditTestIds.Today.AddDays(-49),
        });
        var mistake = world.APromise(colin, 400m, 10);
        var fiona = world.Context.As(FixedIds.FinanceApprover);

        var deleted = Refused(() => fiona.Delete(PromiseToPay.EntityLogicalName, broken));
        var reopened = Refused(() => fiona.Update(new Entity(PromiseToPay.EntityLogicalName, broken) { [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseStatus.Kept) }));
        fiona.Delete(PromiseToPay.EntityLogicalName, mistake);

        Assert.Contains("cannot be deleted", deleted, StringComparison.Ordinal);
        Assert.Contains("a resolved promise is not changed", reopened, StringComparison.Ordinal);
        var left = Assert.Single(world.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities);
        Assert.Equal(broken, left.Id);
        Assert.Equal((int)PromiseStatus.Broken, left.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
    }

    [Fact]
    public void NoOne_EntersABureauChangeOrASuspensionLiftByHand_NorChangesOrDeletesABureauChange_NotEvenAnAdministrator()
    {
        var recorded = world.Service.Create(new Entity(BureauChange.EntityLogicalName)
        {
            [BureauChange.Fields.Name] = "Rating B to C",
            [BureauChange.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [BureauChange.Fields.IsDeterioration] = true,
        });
        var ada = world.Context.As(FixedIds.AdminUser);

        var changeEntered = Refused(() => ada.Create(new Entity(BureauChange.EntityLogicalName) { [BureauChange.Fields.Name] = "Rating C to A", [BureauChange.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) }));
        var liftEntered = Refused(() => ada.Create(new Entity(SuspensionLift.EntityLogicalName) { [SuspensionLift.Fields.Name] = "Lifted", [SuspensionLift.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) }));
        var altered = Refused(() => ada.Update(new Entity(BureauChange.EntityLogicalName, recorded) { [BureauChange.Fields.IsDeterioration] = false }));
        var deleted = Refused(() => ada.Delete(BureauChange.EntityLogicalName, recorded));

        Assert.Contains("only from the bureau report", changeEntered, StringComparison.Ordinal);
        Assert.Contains("cos_LiftSuspension", liftEntered, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", altered, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", deleted, StringComparison.Ordinal);
        Assert.True(Assert.Single(world.Service.RetrieveMultiple(new QueryExpression(BureauChange.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities).GetAttributeValue<bool>(BureauChange.Fields.IsDeterioration));
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(SuspensionLift.EntityLogicalName)).Entities);
    }
}
