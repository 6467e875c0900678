extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
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
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Email = plugins::CreditOS.Dataverse.Model.Email;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using RescoreCallers = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreCallers;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 9: cos_RescoreAccount's Trigger. Scheduled runs the customer's nightly collections work (collector by
/// the rules, promises whose date passed broken, worklist figures, action items, dunning letters) and records the
/// rescoring as the batch's; event records it as caused by an invoice or order change. Before, anyone who could read the
/// account asked for either: Sam's scheduled call drafted the customer's "First reminder" for 2,500.00, 7 days overdue,
/// hours before the batch, and recorded his rescoring as scheduled. Now a person asks on demand only; the credit flow
/// (SYSTEM) and the integration worker (creditOS Integration role) keep scheduled and event. As Sam (Sales Rep + Credit
/// Readers), Colin (Collector), Fiona (Finance Approver + Credit Deciders) and the worker, with every plug-in, through the
/// organization service and the Web API.
/// </summary>
public sealed class RescoreTriggerControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid worker;
    private readonly Guid colin;

    public RescoreTriggerControlTests()
    {
        // 2,500.00 open, 7 days past due: the usual sequence's first reminder is due today.
        AnAccount().WithLimit(50_000).Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.TheUsualSequence();
        worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotRunHisCustomersNightlyDunningEarly_WithTheScheduledTrigger_NorRecordAnEvent_ButRescoresOnDemand_WhileTheWorkersBatchDrafts()
    {
        var historyBefore = HistoryRows().Count;
        var versionBefore = world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber);

        var samScheduled = Refused(() => Rescore(world.SalesRep, ScoreTrigger.Scheduled));
        var samEvent = Refused(() => Rescore(world.SalesRep, ScoreTrigger.Event));
        var colinScheduled = Refused(() => Rescore(world.Context.As(colin), ScoreTrigger.Scheduled));
        var fionaScheduled = Refused(() => Rescore(world.CreditManager, ScoreTrigger.Scheduled));

        // Nothing ran: no letter, no history row, the account untouched (the check comes before the rescoring).
        Assert.Empty(world.EmailsOnTheCustomer());
        Assert.Equal(historyBefore, HistoryRows().Count);
        Assert.Equal(versionBefore, world.Account(CreditTestIds.Customer).GetAttributeValue<long>(Account.Fields.VersionNumber));
        Assert.Contains("cos_RescoreAccount for account " + CreditTestIds.Customer.ToString("D") + ": Trigger 412500001 (scheduled) is the nightly batch's", samScheduled, StringComparison.Ordinal);
        Assert.Contains("dunning letters", samScheduled, StringComparison.Ordinal);
        Assert.Contains("only the credit flow or the integration worker (the creditOS Integration role) asks for it", samScheduled, StringComparison.Ordinal);
        Assert.Contains("Trigger 412500002 (on demand)", samScheduled, StringComparison.Ordinal);
        Assert.Contains("Trigger 412500000 (event) is the credit flow's", samEvent, StringComparison.Ordinal);
        Assert.Contains("(scheduled) is the nightly batch's", colinScheduled, StringComparison.Ordinal);
        Assert.Contains("(scheduled) is the nightly batch's", fionaScheduled, StringComparison.Ordinal);

        // On demand (the form's Rescore command): rescored, no collections work, nothing recorded as scheduled.
        var onDemand = world.SalesRep.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        Assert.NotNull(onDemand[Api.Response.CreditLimit]);
        Assert.Empty(world.EmailsOnTheCustomer());
        Assert.DoesNotContain(HistoryRows(), row => row.GetAttributeValue<OptionSetValue>(History.Fields.Trigger).Value == (int)ScoreTrigger.Scheduled);

        // The worker's nightly batch still drafts the day's letter.
        Rescore(world.Context.As(worker), ScoreTrigger.Scheduled);
        Assert.StartsWith("First reminder", Assert.Single(world.EmailsOnTheCustomer()).GetAttributeValue<string>(Email.Fields.Subject), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotAskForTheScheduledTrigger_ButRescoresOnDemand()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);
        var path = "accounts(" + CreditTestIds.Customer.ToString("D") + ")/Microsoft.Dynamics.CRM." + Api.UniqueName;

        var scheduled = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Post, path, new JsonObject { ["Trigger"] = (int)ScoreTrigger.Scheduled });
        var onDemand = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Post, path, new JsonObject());

        WebApiCall.AssertRefused(scheduled, "Trigger 412500001 (scheduled) is the nightly batch's");
        Assert.Equal(System.Net.HttpStatusCode.OK, onDemand.Status);
        Assert.Empty(world.EmailsOnTheCustomer());
        Assert.DoesNotContain(HistoryRows(), row => row.GetAttributeValue<OptionSetValue>(History.Fields.Trigger).Value == (int)ScoreTrigger.Scheduled);
    }

    [Fact]
    public void TheTriggerCheck_CostsTheWorkerAtMostTwoCalls_OverWhatTheSameScheduledRescoringCostsSystem()
    {
        using var twin = CreditWorld.WithAllPlugins();
        AnAccount().WithLimit(50_000).Create(twin.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(twin.Service);
        twin.CollectedBy(twin.ACollector(CollectionsWorld.Colin, "Colin Collector"));
        twin.TheUsualSequence();
        var twinWorker = twin.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        twin.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        world.ForgetExecutions();
        twin.ForgetExecutions();

        Rescore(world.Service, ScoreTrigger.Scheduled);
        Rescore(twin.Context.As(twinWorker), ScoreTrigger.Scheduled);

        var bySystem = Assert.Single(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)));
        var byWorker = Assert.Single(twin.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)));
        Assert.True(bySystem.Succeeded, bySystem.Error);
        Assert.True(byWorker.Succeeded, byWorker.Error);
        Assert.InRange(byWorker.ServiceCalls - bySystem.ServiceCalls, 1, RescoreCallers.TriggerCalls);
    }

    private static OrganizationResponse Rescore(IOrganizationService caller, ScoreTrigger trigger) =>
        caller.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [Api.Request.Trigger] = new OptionSetValue((int)trigger),
        });

    private List<Entity> HistoryRows()
    {
        var query = new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.Trigger) };
        query.Criteria.AddCondition(History.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
