extern alias plugins;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using DunningStep = plugins::CreditOS.Dataverse.Model.DunningStep;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using Email = plugins::CreditOS.Dataverse.Model.Email;
using MonitorCondition = plugins::CreditOS.Dataverse.Model.MonitorCondition;
using MonitorConditionKind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using PageRun = plugins::CreditOS.Dataverse.Credit.Collections.CollectionsPageRun;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using Rule = plugins::CreditOS.Dataverse.Model.CollectorAssignmentRule;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// The nightly collections work set-based (<c>cos_RescoreAccountPage</c>, <see cref="PageRun"/>) and per account
/// (<c>cos_RescoreAccount</c> with Trigger = scheduled, CollectionsDailyRun) give the same rows on a generated portfolio
/// with assignment rules, a hand-set collector, promises that break and promises that pause dunning, monitor conditions
/// and a dunning sequence: every account, receivable and promise column, every action item and every drafted letter,
/// night after night. A night with nothing new writes nothing, and a page costs the same number of calls whatever its
/// number of accounts.
/// </summary>
public sealed class CollectionsSetBasedAgreementTests
{
    private const int Customers = 36;
    internal const int PageSize = 13;

    /// <summary>Columns that say when or by which id a row was written, not what the collections work decided.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        Account.Fields.LastScoredOn, Account.Fields.LockClaim, Account.Fields.HistoryFigures, "modifiedon", "versionnumber", "modifiedby", "modifiedonbehalfby", "createdon", "createdby",
        "createdonbehalfby", "activityid", "taskid", "emailid", "activitypartyid",
    };

    [Fact]
    public void PageAndPerAccountPaths_AssignBreakRefreshRaiseAndDraftTheSameRows_NightAfterNight()
    {
        using var perAccount = AWorld(out var portfolio);
        using var setBased = AWorld(out _);

        foreach (var night in new[] { 0, 3, 12, 20 })
        {
            perAccount.Context.Clock.Advance(TimeSpan.FromDays(night));
            setBased.Context.Clock.Advance(TimeSpan.FromDays(night));
            PerAccountNight(perAccount, portfolio);
            SetBasedNight(setBased, portfolio.AccountIds);

            foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName, PromiseToPay.EntityLogicalName })
            {
                var expected = Rows(perAccount, table, byId: true);
                var actual = Rows(setBased, table, byId: true);
                Assert.Equal(expected.Count, actual.Count);
                foreach (var (one, other) in expected.Zip(actual))
                {
                    Assert.True(one == other, "night +" + night + ", " + table + ":\n per-account " + one + "\n set-based   " + other);
                }
            }

            foreach (var table in new[] { TaskTable.EntityLogicalName, Email.EntityLogicalName })
            {
                var expected = Rows(perAccount, table, byId: false);
                var actual = Rows(setBased, table, byId: false);
                Assert.True(
                    expected.SequenceEqual(actual),
                    "night +" + night + ", " + table + ": only per-account\n " + string.Join("\n ", expected.Except(actual)) + "\nonly set-based\n " + string.Join("\n ", actual.Except(expected)));
            }
        }

        // The portfolio exercised every part: rules and a hand-set collector, broken promises, action items, letters.
        var accounts = setBased.Service.RetrieveMultiple(new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.CollectorId, Account.Fields.PromisesBrokenFiscalYear) }).Entities;
        Assert.Contains(accounts, a => a.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id == CollectionsWorld.Colin);
        Assert.Contains(accounts, a => a.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id == CollectionsWorld.Nora);
        Assert.Contains(accounts, a => (a.GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear) ?? 0) > 0);
        Assert.Contains(Rows(setBased, TaskTable.EntityLogicalName, byId: false), t => t.Contains("cos_occurrencekey=", StringComparison.Ordinal));
        Assert.True(setBased.Dataverse.Count(Email.EntityLogicalName) > Customers / 3, "letters drafted: " + setBased.Dataverse.Count(Email.EntityLogicalName));
        Assert.Contains(Rows(setBased, Receivable.EntityLogicalName, byId: true), r => r.Contains("cos_dunninglevel=3", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondRunOfTheSameNight_WritesNothing_AndAPageCostsTheSameCallsForFewOrManyAccounts()
    {
        // No order on hold: the rescoring claims an account with a held order every night to look at its holds.
        using var world = AWorld(out var portfolio, heldOrders: false);
        SetBasedNight(world, portfolio.AccountIds);
        var before = Snapshot(world);
        var scored = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();

        world.ForgetExecutions();
        var few = PageCalls(world, scored.Take(8));
        var many = PageCalls(world, scored);

        // Nothing changed since the night ran: no row written (version numbers equal), no action item, no letter.
        foreach (var (table, rows) in before.Zip(Snapshot(world)).Select(p => (p.First.Key, (p.First.Value, p.Second.Value))))
        {
            Assert.True(rows.Item1 == rows.Item2, table + " rows were written by a run with nothing new:\n" + string.Join("\n", rows.Item1.Split(';').Except(rows.Item2.Split(';'))));
        }

        // A constant number of calls whatever the page's size: the scoring of unchanged pictures and one query per kind.
        Assert.Equal(few, many);
        Assert.InRange(many, 1, PageRescoring.UnchangedPageCalls + 1 + PageRun.MaximumPageReadCalls + plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreCallers.PageCalls);
    }

    /// <summary>The generated portfolio with collectors, rules, monitor conditions, dunning steps and promises (shared with <see cref="PageWorklistBulkWriteTests"/>).</summary>
    internal static CreditWorld AWorld(out GeneratedPortfolio portfolio, bool heldOrders = true, params Type[] morePlugins)
    {
        var world = CreditWorld.WithPlugins([typeof(RescorePlugin), typeof(PagePlugin), .. morePlugins]);
        portfolio = GeneratedPortfolio.Load(world.Service, customers: Customers, heldOrders);
        var service = world.Service;
        world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.ACollector(CollectionsWorld.Nora, "Nora Collector");
        service.Create(new Entity(Rule.EntityLogicalName, IdOf("rule/colin")) { [Rule.Fields.Name] = "Balances from 20,000", [Rule.Fields.Priority] = 10, [Rule.Fields.CollectorId] = User(CollectionsWorld.Colin), [Rule.Fields.BalanceFrom] = new Money(20_000m) });
        service.Create(new Entity(Rule.EntityLogicalName, IdOf("rule/nora")) { [Rule.Fields.Name] = "Everyone else", [Rule.Fields.Priority] = 100, [Rule.Fields.CollectorId] = User(CollectionsWorld.Nora) });
        foreach (var (name, kind, threshold) in new[]
        {
            ("Risk above 55", MonitorConditionKind.RiskScoreAbove, 55m), ("Overdue above 45 days", MonitorConditionKind.OverdueDaysAbove, 45m),
            ("Broken promise", MonitorConditionKind.BrokenPromise, 0m), ("Tier downgrade", MonitorConditionKind.TierDowngrade, 0m),
            ("Overdue above 5,000", MonitorConditionKind.OverdueAmountAbove, 5_000m),
        })
        {
            service.Create(new Entity(MonitorCondition.EntityLogicalName, IdOf("condition/" + name))
            {
                [MonitorCondition.Fields.Name] = name, [MonitorCondition.Fields.Kind] = new OptionSetValue((int)kind), [MonitorCondition.Fields.Threshold] = threshold, [MonitorCondition.Fields.DueInDays] = 2,
            });
        }

        foreach (var (name, number, days, escalates) in new[] { ("First reminder", 1, 7, false), ("Second reminder", 2, 21, false), ("Final reminder", 3, 35, true) })
        {
            service.Create(new Entity(DunningStep.EntityLogicalName, IdOf("step/" + name))
            {
                [DunningStep.Fields.Name] = name, [DunningStep.Fields.StepNumber] = number, [DunningStep.Fields.DaysFromDue] = days, [DunningStep.Fields.Escalates] = escalates,
                [DunningStep.Fields.SubjectTemplate] = "{{step}}: {{account}}, {{count}} open invoice(s), {{total}}", [DunningStep.Fields.BodyTemplate] = FollowUpWorld.Body,
            });
        }

        for (var index = 0; index < portfolio.AccountIds.Count; index++)
        {
            var accountId = portfolio.AccountIds[index];
            if (accountId == portfolio.Unscorable)
            {
                continue;
            }

            if (index % 7 == 1)
            {
                // Handed to Colin by hand: the rules leave the account alone.
                service.Update(new Entity(Account.EntityLogicalName, accountId) { [Account.Fields.CollectorId] = User(CollectionsWorld.Colin), [Account.Fields.CollectorSetBy] = User(CollectionsWorld.Colin) });
            }

            if (index % 3 == 0)
            {
                APromise(service, accountId, "broken", 1_500m + index, -2);
            }

            if (index % 4 == 1)
            {
                APromise(service, accountId, "later", 900m + index, 9);
            }
        }

        return world;
    }

    private static void APromise(IOrganizationService service, Guid accountId, string kind, decimal amount, int dueInDays) =>
        service.Create(new Entity(PromiseToPay.EntityLogicalName, IdOf("promise/" + kind + "/" + accountId))
        {
            [PromiseToPay.Fields.Name] = "Promise " + kind + " " + amount.ToString("0", CultureInfo.InvariantCulture),
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accountId),
            [PromiseToPay.Fields.Amount] = new Money(amount),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(dueInDays),
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Open),
        });

    private static EntityReference User(Guid id) => new("systemuser", id);

    internal static void PerAccountNight(CreditWorld world, GeneratedPortfolio portfolio)
    {
        foreach (var id in portfolio.AccountIds)
        {
            try
            {
                world.Service.Execute(new OrganizationRequest(RescoreApi.UniqueName)
                {
                    ["Target"] = new EntityReference(Account.EntityLogicalName, id),
                    [RescoreApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
                });
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault>) when (id == portfolio.Unscorable)
            {
                // Refused by both paths alike (SetBasedRescoringTests): no currency, no scoring, no collections work.
            }
        }
    }

    internal static void SetBasedNight(CreditWorld world, IReadOnlyList<Guid> accountIds)
    {
        foreach (var page in accountIds.Chunk(PageSize))
        {
            world.Service.Execute(PageRequest(page));
        }
    }

    internal static OrganizationRequest PageRequest(IEnumerable<Guid> ids) => new(PageApi.UniqueName)
    {
        [PageApi.Request.AccountIds] = ids.Select(id => id.ToString("D")).ToArray(),
        [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
    };

    private static int PageCalls(CreditWorld world, IEnumerable<Guid> ids)
    {
        world.ForgetExecutions();
        world.Service.Execute(PageRequest(ids));
        var run = Assert.Single(world.ExecutionsOf(typeof(PagePlugin)));
        return run.ServiceCalls;
    }

    /// <summary>Every row of the table as text, bookkeeping left out; by id (ids are the same in both worlds) or, for rows the runs create, sorted by content.</summary>
    internal static List<string> Rows(CreditWorld world, string table, bool byId)
    {
        var rows = world.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities;
        // Score-history rows have new ids in each environment: an occurrence key naming one names it by account and time.
        var history = world.Service.RetrieveMultiple(new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.AccountId, History.Fields.ScoredOn) }).Entities
            .ToDictionary(h => h.Id.ToString("N"), h => "history(" + h.GetAttributeValue<EntityReference>(History.Fields.AccountId)?.Id + "@" + Normalized(h.GetAttributeValue<DateTime?>(History.Fields.ScoredOn)) + ")");
        return [.. (byId ? rows.OrderBy(r => r.Id) : rows.AsEnumerable())
            .Select(row => (byId ? row.Id + " " : string.Empty) + string.Join("|", row.Attributes
                .Where(a => !Bookkeeping.Contains(a.Key) && (!byId || a.Key != row.LogicalName + "id") && a.Key != "activityid")
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.Key + "=" + WithHistoryNamed(Normalized(a.Value), history))))
            .OrderBy(text => byId ? string.Empty : text, StringComparer.Ordinal)];
    }

    private static string WithHistoryNamed(string text, Dictionary<string, string> history)
    {
        var key = text.Split(':');
        return key.Length == 3 && key[0] == "mon" && history.TryGetValue(key[2], out var named) ? key[0] + ":" + key[1] + ":" + named : text;
    }

    private static List<KeyValuePair<string, string>> Snapshot(CreditWorld world) =>
        [.. new[] { Account.EntityLogicalName, Receivable.EntityLogicalName, PromiseToPay.EntityLogicalName, TaskTable.EntityLogicalName, Email.EntityLogicalName }
            .Select(table => new KeyValuePair<string, string>(table, string.Join(";", world.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet("versionnumber") }).Entities
                .OrderBy(r => r.Id).Select(r => r.Id + "@" + Normalized(r.Contains("versionnumber") ? r["versionnumber"] : null)))))];

    internal static string Normalized(object? value) => value switch
    {
        null => "∅",
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        EntityCollection parties => "[" + string.Join(",", parties.Entities.Select(p => Normalized(p.Contains("partyid") ? p["partyid"] : null) + "/" + Normalized(p.Contains("addressused") ? p["addressused"] : null)).Order(StringComparer.Ordinal)) + "]",
        DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static Guid IdOf(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes(name)));
}
