extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 8: the rescoring Custom APIs run as SYSTEM, and before they answered anyone. Sam (Read on accounts of
/// his business unit) called cos_RescoreAccount for a customer of the East unit he cannot open (Retrieve: access fault)
/// and was told Value 75.8, Risk 13.1, Low, Strategic, limit 100,000.00 and the reasons, with Trigger = scheduled running
/// its nightly collections work; the integration worker, whose field security reads only the limit, exposure and starter
/// terms, was told the same scores; and anyone called cos_RescoreAccountPage, the nightly batch's API, for any 1,000
/// customers. As Sam, Colin, the worker (Integration role + Integration Readers) and SYSTEM, with every plug-in.
/// </summary>
public sealed class RescoringCallerControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid worker;

    public RescoringCallerControlTests()
    {
        var east = world.Context.ABusinessUnit("East");
        var erin = world.Context.AUser("Erin East").WithRole(SolutionRoles.SalesRep).InBusinessUnit(east).Create();
        var theirs = AnAccount().WithLimit(50_000).Build();
        theirs["ownerid"] = new EntityReference("systemuser", erin);
        world.Service.Create(theirs);
        foreach (var invoice in AHistoryOf(12, 8_000m, 30))
        {
            invoice.Create(world.Service);
        }

        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Sam's customer").WithLimit(50_000).Create(world.Service);
        foreach (var (invoice, number) in AHistoryOf(12, 8_000m, 30).Select((invoice, i) => (invoice, 101 + i)))
        {
            invoice.Numbered(number).For(CreditTestIds.SecondCustomer).Create(world.Service);
        }

        worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotRescoreACustomerHeCannotOpen_ToReadItsScores_NorRunItsNightlyBatch_ButRescoresHisOwnAndReadsThem()
    {
        var historyBefore = world.Dataverse.Count(History.EntityLogicalName);
        var versionBefore = world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber);

        // On demand: the one trigger a person may ask for since round 9 (RescoreTriggerControlTests).
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Rescore(world.SalesRep, CreditTestIds.Customer, ScoreTrigger.OnDemand)).Detail.Message;
        var historyAfterRefusal = world.Dataverse.Count(History.EntityLogicalName);
        var ownAnswer = Rescore(world.SalesRep, CreditTestIds.SecondCustomer, ScoreTrigger.OnDemand);

        // Dataverse's own access fault for the customer Sam cannot read; the rescoring rolled back with the call.
        Assert.Contains("SecLib::AccessCheckEx failed", refusal, StringComparison.Ordinal);
        Assert.Contains("CallingUser: " + FixedIds.SalesRep.ToString("D") + ". ObjectTypeCode: 1", refusal, StringComparison.Ordinal);
        Assert.Contains("AccessRights: ReadAccess", refusal, StringComparison.Ordinal);
        Assert.Equal(versionBefore, world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber));
        Assert.Equal(historyBefore, historyAfterRefusal);

        // His own customer: every figure, as his Credit Readers profile reads them on the form.
        var own = world.Account(CreditTestIds.SecondCustomer);
        Assert.Equal(own.GetAttributeValue<decimal>(Account.Fields.RiskScore), (decimal)ownAnswer[Api.Response.RiskScore]);
        Assert.Equal(own.GetAttributeValue<decimal>(Account.Fields.ValueScore), (decimal)ownAnswer[Api.Response.ValueScore]);
        Assert.Equal(own.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value, ((Money)ownAnswer[Api.Response.CreditLimit]).Value);
        Assert.False(string.IsNullOrEmpty((string)ownAnswer[Api.Response.Tier]));
        Assert.False(string.IsNullOrEmpty((string)ownAnswer[Api.Response.Reasons]));
    }

    [Fact]
    public void TheWorker_RescoringACustomer_IsToldOnlyWhatItsFieldSecurityReads_TheLimitAndTheReadableSuspensionFlag_NotTheScoresTierOrReasons()
    {
        var answer = Rescore(world.Context.As(worker), CreditTestIds.Customer, ScoreTrigger.Scheduled);
        var asWorker = world.Context.As(worker).Retrieve(Account.EntityLogicalName, CreditTestIds.Customer, new Microsoft.Xrm.Sdk.Query.ColumnSet(Account.Fields.RiskScore, Account.Fields.CreditLimit, Account.Fields.IsSuspended));
        var stored = world.Account(CreditTestIds.Customer);

        Assert.NotNull(stored.GetAttributeValue<decimal?>(Account.Fields.RiskScore)); // rescored: the batch still does its work
        Assert.Null(asWorker.GetAttributeValue<decimal?>(Account.Fields.RiskScore));   // which the worker cannot read on the row
        foreach (var hidden in new[] { Api.Response.ValueScore, Api.Response.RiskScore, Api.Response.RiskLevel, Api.Response.Tier, Api.Response.Reasons })
        {
            Assert.True(!answer.Results.TryGetValue(hidden, out var value) || value is null, hidden + " was answered to the worker: " + value);
        }

        // Dataverse secures a yes/no column for create and update only (CanBeSecuredForRead is false): the worker reads the
        // suspension flag on the row, so the answer tells it no more than its own read does (session 20).
        Assert.Equal(asWorker.GetAttributeValue<bool>(Account.Fields.IsSuspended), (bool)answer[Api.Response.IsSuspended]);

        Assert.Equal(stored.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value, ((Money)answer[Api.Response.CreditLimit]).Value);
        Assert.Equal(asWorker.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value, ((Money)answer[Api.Response.CreditLimit]).Value);
    }

    [Fact]
    public void SamAndColin_CannotCallTheNightlyBatchsPageApi_ForAnyCustomers_WhichTheWorkerAndSystemCall()
    {
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var page = new OrganizationRequest(PageApi.UniqueName)
        {
            [PageApi.Request.AccountIds] = new[] { CreditTestIds.Customer.ToString("D"), CreditTestIds.SecondCustomer.ToString("D") },
            [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
        };

        var versionBefore = world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber);
        var bySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Execute(page)).Detail.Message;
        var byColin = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(colin).Execute(page)).Detail.Message;
        Assert.Equal(versionBefore, world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber));
        world.ForgetExecutions();
        var byWorker = world.Context.As(worker).Execute(page);
        var bySystem = world.Service.Execute(page);

        Assert.Contains("cos_RescoreAccountPage rescores a page of customers (2 account id(s) here) whatever the caller may read", bySam, StringComparison.Ordinal);
        Assert.Contains("only the integration worker's nightly batch (the creditOS Integration role) calls it", byColin, StringComparison.Ordinal);
        Assert.Equal(2, (int)byWorker[PageApi.Response.Assessed]);
        Assert.Equal(2, (int)bySystem[PageApi.Response.Assessed]);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin)), run => Assert.True(run.Succeeded, run.Error));
    }

    private static OrganizationResponse Rescore(IOrganizationService caller, Guid accountId, ScoreTrigger trigger) =>
        caller.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, accountId),
            [Api.Request.Trigger] = new OptionSetValue((int)trigger),
        });
}
