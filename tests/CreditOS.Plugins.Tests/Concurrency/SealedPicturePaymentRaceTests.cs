extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Session 27 (issue 15): a payment and the two-call night's sealed write of the same account. The scoring call reads the account
/// (its invoice now overdue) and hands its picture back sealed; the payment commits either before the write (the guard's basis check
/// sees the pre-image's new version) or inside the guard's window, after the pre-image and before the update takes the row lock
/// (a test step after the guard posts it and waits for its commit). Either way the picture is refused, the whole bulk request rolls
/// back, the other account is written when the worker sends it alone, and the account keeps the payment's open receivables and
/// overdue amount, equal to its ledger; scored again it takes a picture computed from them. Without the check under the row lock
/// (SealedPictureLockCheck) the window case writes the picture's overdue amount of 1,000 over the payment's 700.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class SealedPicturePaymentRaceTests
{
    private const decimal Invoiced = 1_000m;
    private const decimal Paid = 300m;

    [Fact]
    public void APaymentCommittingInsideTheGuardsWindow_RefusesThePicture_AndTheAccountEqualsItsLedger_ThenScoredAgainItIsWritten()
    {
        using var world = World(out var customer, out var other);
        var scored = ScoringCall(world, customer, other);
        world.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(PayWhileTheSealedWriteIsInItsGuardPlugin), new Guid("0d000000-0000-4000-8000-0000000000b1"), plugins::CreditOS.Dataverse.Framework.Messages.Update,
            Account.EntityLogicalName, PipelineStageNumber.PreOperation, false, 99, [], null, null, []));
        PayWhileTheSealedWriteIsInItsGuardPlugin.Arm(customer, () => Pay(world, customer));

        var raced = WriteAsTheWorker(world, scored);

        Assert.True(PayWhileTheSealedWriteIsInItsGuardPlugin.PaidInsideTheWindow, "the payment did not commit inside the guard's window");
        AssertTheRaceWasRefusedAndTheLedgerKept(world, scored, raced, customer, other);
    }

    [Fact]
    public void APaymentCommittingBetweenTheScoringCallAndTheSealedWrite_RefusesThePicture_AndTheAccountEqualsItsLedger_ThenScoredAgainItIsWritten()
    {
        using var world = World(out var customer, out var other);
        var scored = ScoringCall(world, customer, other);
        Pay(world, customer);

        var raced = WriteAsTheWorker(world, scored);

        AssertTheRaceWasRefusedAndTheLedgerKept(world, scored, raced, customer, other);
    }

    private static void AssertTheRaceWasRefusedAndTheLedgerKept(CreditWorld world, Scored scored, List<Guid> raced, Guid customer, Guid other)
    {
        Assert.Equal([customer], raced);
        AssertEqualsItsLedger(world, customer, Invoiced - Paid);
        // The other account took its picture (written alone after the split), with its history row; the raced one got none of tonight's.
        Assert.Equal(world.Now, world.Account(other).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
        Assert.Equal(Invoiced, world.AccountMoney(other, Account.Fields.OverdueAmount));
        Assert.Equal(scored.History.Count(row => scored.Pairs[row.Id] == other), NightlyHistory(world, other) - scored.HistoryBefore[other]);
        Assert.Equal(scored.HistoryBefore[customer], NightlyHistory(world, customer));

        // Scored again (as the worker does for a raced account): the payment's own rescoring already wrote the picture of its figures,
        // so the page finds nothing to change and hands nothing back; the account still equals its ledger.
        var again = ScoringCall(world, [], customer);
        Assert.Empty(again.Accounts);
        Assert.Empty(WriteAsTheWorker(world, again));
        AssertEqualsItsLedger(world, customer, Invoiced - Paid);
        Assert.Equal(world.Now, world.Account(customer).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
    }

    /// <summary>Two customers with one invoice each, due in 10 days, rescored; then 30 days pass, so the nightly finds both overdue.</summary>
    private static CreditWorld World(out Guid customer, out Guid other)
    {
        var world = CreditWorld.WithPlugins(
            typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin),
            typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin),
            typeof(plugins::CreditOS.Plugins.SealedPictureGuardPlugin),
            typeof(plugins::CreditOS.Plugins.CreditScoreHistoryGuardPlugin));
        customer = AnAccount().Named("Racing Seal Ltd").WithId(Guid.NewGuid()).Create(world.Service);
        other = AnAccount().Named("Quiet Seal Ltd").WithId(Guid.NewGuid()).Create(world.Service);
        AnInvoice().For(customer).Numbered(1).Of(Invoiced).IssuedDaysAgo(0).DueAfter(10).Create(world.Service);
        AnInvoice().For(other).Numbered(2).Of(Invoiced).IssuedDaysAgo(0).DueAfter(10).Create(world.Service);
        world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
        {
            [PageApi.Request.AccountIds] = new[] { customer.ToString("D"), other.ToString("D") },
            [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
        });
        world.Advance(TimeSpan.FromDays(30));
        return world;
    }

    private static object Pay(CreditWorld world, Guid customer) =>
        APayment().For(customer).Of(Paid).Settling("INV-00001").WithErpId("PAY-SEAL-RACE-" + Guid.NewGuid().ToString("N")).Create(world.Dataverse.GetOrganizationService());

    private static void AssertEqualsItsLedger(CreditWorld world, Guid customer, decimal open)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, customer);
        var ledger = world.Service.RetrieveMultiple(query).Entities.Sum(row => row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m);
        Assert.Equal(open, ledger);
        Assert.Equal(ledger, world.AccountMoney(customer, Account.Fields.OpenReceivables));
        // The only invoice is overdue, so the whole open amount is.
        Assert.Equal(ledger, world.AccountMoney(customer, Account.Fields.OverdueAmount));
    }

    private sealed record Scored(List<Entity> Accounts, List<Entity> History, Dictionary<Guid, Guid> Pairs, Dictionary<Guid, int> HistoryBefore);

    /// <summary>The scoring call of a two-call page: every account must come back sealed (no held order, review or hold to lift).</summary>
    private static Scored ScoringCall(CreditWorld world, params Guid[] ids) => ScoringCall(world, ids, ids);

    /// <summary>The scoring call of a two-call page; exactly <paramref name="sealedExpected"/> come back sealed.</summary>
    private static Scored ScoringCall(CreditWorld world, Guid[] sealedExpected, params Guid[] ids)
    {
        var response = world.Dataverse.GetOrganizationService().Execute(new OrganizationRequest(PageApi.UniqueName)
        {
            [PageApi.Request.AccountIds] = ids.Select(id => id.ToString("D")).ToArray(),
            [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            [PageApi.Request.ReturnSealedRows] = true,
        });
        var accounts = Rows((string)response.Results[PageApi.Response.SealedAccounts], Account.EntityLogicalName, Account.Fields.AccountId, Account.Fields.SealedPicture);
        Assert.Equal(sealedExpected.Order(), accounts.Select(row => row.Id).Order());
        var historyJson = (string)response.Results[PageApi.Response.SealedHistory];
        var history = string.IsNullOrEmpty(historyJson) ? [] : Rows(historyJson, History.EntityLogicalName, History.Fields.CreditScoreHistoryId, History.Fields.SealedPicture);
        var pairs = string.IsNullOrEmpty(historyJson)
            ? []
            : JsonNode.Parse(historyJson)![History.EntityLogicalName]!.AsArray().ToDictionary(
                row => Guid.Parse(row![History.Fields.CreditScoreHistoryId]!.GetValue<string>()),
                row => Guid.Parse(row!["#account"]!.GetValue<string>()));
        return new Scored(accounts, history, pairs, ids.ToDictionary(id => id, id => NightlyHistory(world, id)));
    }

    /// <summary>As the worker writes sealed rows (PageRowsBulkWriter): accounts first, a refused request split down to one row, then the written accounts' history rows.</summary>
    private static List<Guid> WriteAsTheWorker(CreditWorld world, Scored scored)
    {
        var service = world.Dataverse.GetOrganizationService();
        var written = new HashSet<Guid>();
        var raced = new List<Guid>();
        var pending = new Stack<List<Entity>>();
        if (scored.Accounts.Count > 0)
        {
            pending.Push(scored.Accounts);
        }

        while (pending.TryPop(out var rows))
        {
            try
            {
                service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = Fresh(Account.EntityLogicalName, Account.Fields.SealedPicture, rows) });
                written.UnionWith(rows.Select(row => row.Id));
            }
            catch (FaultException<OrganizationServiceFault>) when (rows.Count > 1)
            {
                pending.Push(rows.Skip(rows.Count / 2).ToList());
                pending.Push(rows.Take(rows.Count / 2).ToList());
            }
            catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorDetails.TryGetValue("SubErrorCode", out var code) && Equals(code, PageRescoring.ChangedMeanwhile))
            {
                raced.Add(rows[0].Id);
            }
        }

        var due = scored.History.Where(row => written.Contains(scored.Pairs[row.Id])).ToList();
        if (due.Count > 0)
        {
            service.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Fresh(History.EntityLogicalName, History.Fields.SealedPicture, due) });
        }

        return raced;
    }

    /// <summary>The account's score-history rows the nightly recorded (scheduled trigger; the payment's own rescoring records event rows).</summary>
    private static int NightlyHistory(CreditWorld world, Guid account)
    {
        var query = new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.AccountId) };
        query.Criteria.AddCondition(History.Fields.AccountId, ConditionOperator.Equal, account);
        query.Criteria.AddCondition(History.Fields.Trigger, ConditionOperator.Equal, (int)ScoreTrigger.Scheduled);
        return world.Service.RetrieveMultiple(query).Entities.Count;
    }

    private static EntityCollection Fresh(string table, string sealedColumn, IEnumerable<Entity> rows) =>
        new([.. rows.Select(row => new Entity(table, row.Id) { [sealedColumn] = row[sealedColumn] })]) { EntityName = table };

    private static List<Entity> Rows(string json, string table, string idColumn, string sealedColumn) =>
        [.. JsonNode.Parse(json)![table]!.AsArray().Select(row => new Entity(table, Guid.Parse(row![idColumn]!.GetValue<string>())) { [sealedColumn] = row[sealedColumn]!.GetValue<string>() })];
}
