extern alias plugins;

using System.Globalization;
using System.ServiceModel;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using ColumnGuard = plugins::CreditOS.Plugins.CreditColumnGuardPlugin;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using HistoryGuard = plugins::CreditOS.Plugins.CreditScoreHistoryGuardPlugin;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using PaymentBehaviour = plugins::CreditOS.CreditEngine.Collections.PaymentBehaviour;
using WorklistMateriality = plugins::CreditOS.CreditEngine.Collections.WorklistMateriality;
using SealedBehaviour = plugins::CreditOS.Dataverse.Credit.Sealing.SealedPaymentBehaviour;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SealedPicture = plugins::CreditOS.Dataverse.Credit.Sealing.SealedPicture;
using SealGuard = plugins::CreditOS.Plugins.SealedPictureGuardPlugin;
using SealKeyTable = plugins::CreditOS.Dataverse.Model.SealKeyTable;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 25, the two-call night: the scoring page hands its plain accounts and score-history rows back sealed
/// (<c>ReturnSealedRows</c>); the integration worker, as its application user with the creditOS Integration role, creates the
/// history rows and updates the accounts in bulk (CreateMultiple, UpdateMultiple) and then asks for the page's collections work
/// (<c>CollectionsOnly</c>). Night after night that leaves every account, receivable, promise, action item, letter and history row
/// as the one-call page writing them itself. A picture altered, forged with another key, replayed on another account or carrying
/// another column is refused for every packed role; an account another writer changed after the page read it keeps the newer
/// figures; no packed role reads the seal key.
/// </summary>
public sealed class SealedPageRowsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    internal static readonly Type[] Guards = [typeof(SealGuard), typeof(HistoryGuard), typeof(ColumnGuard)];

    [Fact]
    public void SealedRowsWrittenInBulkByTheWorker_ThenItsCollectionsCall_LeaveEveryRowAsTheOneCallPage_NightAfterNight()
    {
        // Session 29: with the configuration's version stamp, as deployed, so both nights keep the configuration under it.
        using var oneCall = Agreement.AWorld(out var portfolio, heldOrders: true, StampedConfigurationTests.Plugins);
        using var twoCalls = Agreement.AWorld(out _, heldOrders: true, StampedConfigurationTests.Plugins);
        Assert.NotNull(plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion.ReadStamp(twoCalls.Service));
        var worker = twoCalls.Context.As(AWorker(twoCalls));
        var sealedAccounts = 0;
        var sealedHistory = 0;
        foreach (var night in new[] { 0, 3, 12, 20 })
        {
            oneCall.Context.Clock.Advance(TimeSpan.FromDays(night));
            twoCalls.Context.Clock.Advance(TimeSpan.FromDays(night));
            oneCall.ForgetExecutions();
            twoCalls.ForgetExecutions();
            Agreement.SetBasedNight(oneCall, portfolio.AccountIds);
            var bulkRequests = 0;
            foreach (var page in portfolio.AccountIds.Chunk(Agreement.PageSize))
            {
                var (accounts, history, scored, pairs, behaviour) = ScoringCall(worker, page);
                sealedAccounts += accounts.Entities.Count;
                sealedHistory += history.Entities.Count;
                bulkRequests += (accounts.Entities.Count > 0 ? 1 : 0) + (history.Entities.Count > 0 ? 1 : 0);
                Assert.Empty(WriteAsTheWorker(worker, accounts, history, pairs));
                worker.Execute(CollectionsCall(scored, behaviour));
            }

            // Session 28: every collections call opened each account's sealed payment behaviour, so it read neither the page's
            // receivable rows nor the configuration again: its reads are the one-call page's collections reads, page for page.
            var handedOver = CollectionsRuns(twoCalls);
            Assert.Equal(portfolio.AccountIds.Chunk(Agreement.PageSize).Count(), handedOver.Count);
            Assert.All(handedOver, run => Assert.True(run.Opened == run.Accounts && run.Refused == 0 && run.NotGiven == 0, run.Trace));
            var oneCallCollectionsReads = PageCallsOf(oneCall).Sum(c => c.CollectionsReads);
            var twoCallCollectionsReads = PageCallsOf(twoCalls).Sum(c => c.CollectionsReads);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"night +{night}: collections reads one-call {oneCallCollectionsReads}, two-call {twoCallCollectionsReads}"));
            Assert.Equal(oneCallCollectionsReads, twoCallCollectionsReads);

            // Operations as the benchmark counts them: every plug-in execution's organization-service calls, plus each bulk request.
            var one = oneCall.Dataverse.PluginExecutions.Sum(e => e.ServiceCalls);
            var two = twoCalls.Dataverse.PluginExecutions.Sum(e => e.ServiceCalls);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"night +{night}: one-call {one} plug-in calls ({(double)one / portfolio.AccountIds.Count:0.###} per account); two-call {two} plug-in calls + {bulkRequests} bulk requests ({(double)(two + bulkRequests) / portfolio.AccountIds.Count:0.###} per account), pages of {Agreement.PageSize}"));

            foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName, PromiseToPay.EntityLogicalName })
            {
                AssertSame(Agreement.Rows(oneCall, table, byId: true), Agreement.Rows(twoCalls, table, byId: true), "night +" + night + ", " + table);
            }

            foreach (var table in new[] { TaskTable.EntityLogicalName, plugins::CreditOS.Dataverse.Model.Email.EntityLogicalName })
            {
                AssertSame(Agreement.Rows(oneCall, table, byId: false), Agreement.Rows(twoCalls, table, byId: false), "night +" + night + ", " + table);
            }

            AssertSame(HistoryRows(oneCall), HistoryRows(twoCalls), "night +" + night + ", score history");
        }

        Assert.True(sealedAccounts > portfolio.AccountIds.Count, "account pictures sealed over four nights: " + sealedAccounts);
        Assert.True(sealedHistory > 20, "history rows sealed over four nights: " + sealedHistory);
        Assert.DoesNotContain(Agreement.Rows(twoCalls, Account.EntityLogicalName, byId: true), r => r.Contains(Account.Fields.SealedPicture, StringComparison.Ordinal));
    }

    [Fact]
    public void APictureAlteredForgedReplayedOrCarryingAnotherColumn_IsRefusedForEveryPackedRole()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: true, Guards);
        AfterAFirstNight(world, portfolio.AccountIds);
        var workerId = AWorker(world);
        var (accounts, history, _, pairs, _) = ScoringCall(world.Context.As(workerId), portfolio.AccountIds.Take(Agreement.PageSize));
        Assert.True(accounts.Entities.Count >= 2 && history.Entities.Count >= 1, "sealed: " + accounts.Entities.Count + " accounts, " + history.Entities.Count + " history rows");
        var genuine = accounts.Entities[0];
        var other = accounts.Entities[1];
        var text = genuine.GetAttributeValue<string>(Account.Fields.SealedPicture);
        var parts = text.Split('.');
        var forgedKey = new byte[32];
        var forged = SealedPicture.Seal(forgedKey, Account.EntityLogicalName, genuine.Id, VersionOf(world, genuine.Id), [new(Account.Fields.CreditLimit, new Money(9_999_999m))]);
        var altered = parts[0] + "." + parts[1] + "." + Flip(parts[2]) + "." + parts[3];
        var attempts = new Dictionary<string, Entity>
        {
            ["a changed byte"] = Picture(genuine.Id, altered),
            ["another key"] = Picture(genuine.Id, forged),
            ["another account's picture"] = Picture(other.Id, text),
            ["a credit column riding along"] = Picture(genuine.Id, text, (Account.Fields.CreditLimit, new Money(9_999_999m))),
        };
        var people = new Dictionary<string, IOrganizationService>
        {
            ["Sam (sales rep)"] = world.SalesRep,
            ["Fiona (credit manager, Finance Approver)"] = world.CreditManager,
            ["Carl (credit administrator)"] = world.CreditAdministrator,
            ["the worker (Integration)"] = world.Context.As(workerId),
        };
        var before = Agreement.Rows(world, Account.EntityLogicalName, byId: true);
        foreach (var (who, service) in people)
        {
            foreach (var (what, target) in attempts)
            {
                var refusal = Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => service.Execute(Bulk("UpdateMultiple", Account.EntityLogicalName, target)));
                Assert.False(string.IsNullOrEmpty(refusal.Message), who + ", " + what);
            }
        }

        // The worker holds Write on accounts: what refuses its attempts is the seal and the guards, and they say so.
        var asWorker = world.Context.As(workerId);
        Assert.Contains("does not open", Refusal(asWorker, attempts["a changed byte"]), StringComparison.Ordinal);
        Assert.Contains("does not open", Refusal(asWorker, attempts["another key"]), StringComparison.Ordinal);
        Assert.Contains("does not open", Refusal(asWorker, attempts["another account's picture"]), StringComparison.Ordinal);
        AssertSame(before, Agreement.Rows(world, Account.EntityLogicalName, byId: true), "accounts after the refused pictures");

        // A history row: forged, or with a column beside its sealed picture, is not recorded.
        var historyBefore = world.Dataverse.Count(History.EntityLogicalName);
        var genuineHistory = history.Entities[0];
        var forgedHistory = new Entity(History.EntityLogicalName, Guid.NewGuid()) { [History.Fields.SealedPicture] = SealedPicture.Seal(forgedKey, History.EntityLogicalName, Guid.Empty, 0, [new(History.Fields.Name, "forged")]) };
        var riding = new Entity(History.EntityLogicalName, genuineHistory.Id) { [History.Fields.SealedPicture] = genuineHistory[History.Fields.SealedPicture], [History.Fields.CreditLimit] = new Money(9_999_999m) };
        foreach (var (who, service) in people)
        {
            Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => service.Execute(Bulk("CreateMultiple", History.EntityLogicalName, forgedHistory)));
            Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => service.Execute(Bulk("CreateMultiple", History.EntityLogicalName, riding)));
        }

        Assert.Equal(historyBefore, world.Dataverse.Count(History.EntityLogicalName));

        // The genuine rows still write afterwards, the accounts first.
        Assert.Empty(WriteAsTheWorker(asWorker, accounts, history, pairs));
        Assert.Equal(historyBefore + history.Entities.Count, world.Dataverse.Count(History.EntityLogicalName));
    }

    /// <summary>
    /// Session 26: an account another writer changed after the scoring call read it refuses its picture (the bulk request rolls back
    /// and is split down to it), keeps the newer figures, and its score-history row is never created, so no history row records a
    /// picture its account did not take; the others get their pictures and history rows. Scored again, it takes its new picture.
    /// </summary>
    [Fact]
    public void AnAccountChangedAfterThePageReadIt_RefusesItsPictureAndGetsNoHistoryRow_WhileTheOthersGetTheirs_UntilScoredAgain()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: true, Guards);
        AfterAFirstNight(world, portfolio.AccountIds);
        var workerId = AWorker(world);
        var worker = world.Context.As(workerId);
        var (accounts, history, _, pairs, _) = ScoringCall(worker, portfolio.AccountIds.Take(Agreement.PageSize));
        Assert.True(accounts.Entities.Count >= 2 && history.Entities.Count >= 2, "sealed: " + accounts.Entities.Count + " accounts, " + history.Entities.Count + " history rows");
        // The raced account is one with a history row in the page, so an orphan row would show.
        var raced = pairs[history.Entities[0].Id];
        // A payment or an order (the credit flow, as SYSTEM) writes the account's open receivables after the page read it.
        world.Service.Update(new Entity(Account.EntityLogicalName, raced) { [Account.Fields.OpenReceivables] = new Money(123_456.78m) });
        var newer = Agreement.Rows(world, Account.EntityLogicalName, byId: true).Single(r => r.StartsWith(raced.ToString(), StringComparison.Ordinal));
        var historyBefore = HistoryOf(world);

        world.ForgetExecutions();
        Assert.Equal([raced], WriteAsTheWorker(worker, accounts, history, pairs));

        Assert.Equal(newer, Agreement.Rows(world, Account.EntityLogicalName, byId: true).Single(r => r.StartsWith(raced.ToString(), StringComparison.Ordinal)));
        Assert.Equal(123_456.78m, world.Account(raced).GetAttributeValue<Money>(Account.Fields.OpenReceivables).Value);
        var created = CreatedSince(world, historyBefore);
        Assert.Equal(history.Entities.Count - 1, created.Count);
        Assert.DoesNotContain(raced, created);
        Assert.All(accounts.Entities.Where(a => a.Id != raced), a => Assert.NotNull(world.Account(a.Id).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn)));
        var opened = world.ExecutionsOf(typeof(SealGuard));
        Assert.Contains(opened, run => run.Trace.Contains("refused", StringComparison.Ordinal));
        Assert.All(opened, run => Assert.InRange(run.ServiceCalls, 0, 2));

        // The worker scores it again (as it sends a raced one-call page again): it takes the picture of its newer figures, with its history row.
        var again = ScoringCall(worker, [raced]);
        Assert.Empty(WriteAsTheWorker(worker, again.Accounts, again.History, again.Pairs));
        Assert.Equal(history.Entities.Count, CreatedSince(world, historyBefore).Count);
        Assert.Contains(raced, CreatedSince(world, historyBefore));
        Assert.NotEqual(newer, Agreement.Rows(world, Account.EntityLogicalName, byId: true).Single(r => r.StartsWith(raced.ToString(), StringComparison.Ordinal)));
    }

    /// <summary>
    /// Session 28: the collections call trusts no payment behaviour the worker hands it. Four accounts with open invoices get lines
    /// that must not open: one with a changed byte, one another account's line, one sealed with another key and one sealed with the
    /// organization's own key on the day before (expired), the last two carrying figures (every earlier invoice paid 90 days late,
    /// every change material) that would move their worklists if they were taken. Each is refused, its settled receivables are read,
    /// and every row comes out as the one-call page writes it.
    /// </summary>
    [Fact]
    public void ASealedPaymentBehaviourChangedForgedAnotherAccountsOrExpired_IsRefusedAndItsRowsRead_LeavingEveryRowAsTheOneCallPage()
    {
        using var oneCall = Agreement.AWorld(out var portfolio, heldOrders: true, Guards);
        using var twoCalls = Agreement.AWorld(out _, heldOrders: true, Guards);
        AfterAFirstNight(oneCall, portfolio.AccountIds);
        AfterAFirstNight(twoCalls, portfolio.AccountIds);
        var worker = twoCalls.Context.As(AWorker(twoCalls));
        var withOpen = twoCalls.Service.RetrieveMultiple(new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.AccountId), Criteria = { Conditions = { new ConditionExpression(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m) } } })
            .Entities.Select(r => r.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId).Id).ToHashSet();
        // Not the portfolio's unscorable account: it gets no line (no scoring, no collections work).
        var targets = portfolio.AccountIds.Where(id => withOpen.Contains(id) && id != portfolio.Unscorable).Take(4).ToList();
        Assert.True(targets.Count == 4, "accounts with open invoices: " + targets.Count);
        var today = twoCalls.Context.Clock.GetUtcNow().UtcDateTime.Date;
        byte[]? organizationKey = null;
        var everyInvoiceLate = PaymentBehaviour.Of(200, 18_000, 0, 0, 200, 18_000, 0, 200, 1_000_000m);
        var forgedKey = new byte[32];
        var tampered = 0;

        oneCall.ForgetExecutions();
        Agreement.SetBasedNight(oneCall, portfolio.AccountIds);
        twoCalls.ForgetExecutions();
        foreach (var page in portfolio.AccountIds.Chunk(Agreement.PageSize))
        {
            var (accounts, history, scored, pairs, behaviour) = ScoringCall(worker, page);
            Assert.Empty(WriteAsTheWorker(worker, accounts, history, pairs));
            // The organization's own key (made by the first scoring call that seals), read here as SYSTEM: no packed role can.
            organizationKey ??= Convert.FromBase64String(twoCalls.Service.Retrieve(SealKeyTable.EntityLogicalName, plugins::CreditOS.Dataverse.Credit.Sealing.SealKey.RowId, new ColumnSet(SealKeyTable.Fields.Key)).GetAttributeValue<string>(SealKeyTable.Fields.Key));
            var lines = SealedBehaviour.Read(behaviour);
            Assert.Equal(scored.Count, lines.Count);
            if (lines.ContainsKey(targets[0]))
            {
                var parts = lines[targets[0]].Split('.');
                lines[targets[0]] = parts[0] + "." + parts[1] + "." + Flip(parts[2]) + "." + parts[3];
                tampered++;
            }

            if (lines.ContainsKey(targets[1]) && lines.Keys.FirstOrDefault(id => id != targets[1]) is var other && other != Guid.Empty)
            {
                lines[targets[1]] = lines[other];
                tampered++;
            }

            if (lines.ContainsKey(targets[2]))
            {
                lines[targets[2]] = SealedBehaviour.Seal(forgedKey, targets[2], today, everyInvoiceLate, WorklistMateriality.EveryChange);
                tampered++;
            }

            if (lines.ContainsKey(targets[3]))
            {
                lines[targets[3]] = SealedBehaviour.Seal(organizationKey!, targets[3], today.AddDays(-1), everyInvoiceLate, WorklistMateriality.EveryChange);
                tampered++;
            }

            worker.Execute(CollectionsCall(scored, SealedBehaviour.Write(lines)));
        }

        Assert.Equal(4, tampered);
        var runs = CollectionsRuns(twoCalls);
        Assert.Equal(4, runs.Sum(run => run.Refused));
        Assert.All(runs, run => Assert.True(run.Opened + run.Refused == run.Accounts && run.NotGiven == 0, run.Trace));
        // The refused accounts' settled receivables were read again: more collections reads than the one-call page's.
        Assert.True(PageCallsOf(twoCalls).Sum(c => c.CollectionsReads) > PageCallsOf(oneCall).Sum(c => c.CollectionsReads), "collections reads with refused lines");
        foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName, PromiseToPay.EntityLogicalName })
        {
            AssertSame(Agreement.Rows(oneCall, table, byId: true), Agreement.Rows(twoCalls, table, byId: true), table);
        }

        foreach (var table in new[] { TaskTable.EntityLogicalName, plugins::CreditOS.Dataverse.Model.Email.EntityLogicalName })
        {
            AssertSame(Agreement.Rows(oneCall, table, byId: false), Agreement.Rows(twoCalls, table, byId: false), table);
        }

        // The control: the same figures sealed with the organization's key for today open, and move that account's worklist, so it
        // was the refusal that kept the rows equal.
        var control = Agreement.PageRequest([targets[3]]);
        control[PageApi.Request.CollectionsOnly] = true;
        control[PageApi.Request.SealedBehaviour] = SealedBehaviour.Write([new(targets[3], SealedBehaviour.Seal(organizationKey!, targets[3], today, everyInvoiceLate, WorklistMateriality.EveryChange))]);
        twoCalls.ForgetExecutions();
        worker.Execute(control);
        Assert.Equal(1, Assert.Single(CollectionsRuns(twoCalls)).Opened);
        Assert.False(
            Agreement.Rows(oneCall, Receivable.EntityLogicalName, byId: true).SequenceEqual(Agreement.Rows(twoCalls, Receivable.EntityLogicalName, byId: true)),
            "the worklist of an account whose sealed behaviour says every invoice was paid 90 days late");
    }

    [Fact]
    public void TheSealKey_IsReadByNoPackedRole()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: true, Guards);
        var workerId = AWorker(world);
        ScoringCall(world.Context.As(workerId), portfolio.AccountIds.Take(Agreement.PageSize));
        Assert.Equal(1, world.Dataverse.Count(SealKeyTable.EntityLogicalName));
        foreach (var service in new[] { world.SalesRep, world.CreditManager, world.CreditAdministrator, world.Context.As(workerId) })
        {
            Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(new QueryExpression(SealKeyTable.EntityLogicalName) { ColumnSet = new ColumnSet(true) }));
        }
    }

    /// <summary>
    /// Session 27: the one-call night first, so the accounts hold their running figures (open receivables and orders, exposure: a
    /// picture that changes them is written by the page itself, never sealed), then 12 days, so the next pictures change with aging.
    /// </summary>
    internal static void AfterAFirstNight(CreditWorld world, IReadOnlyList<Guid> accountIds)
    {
        Agreement.SetBasedNight(world, accountIds);
        world.Context.Clock.Advance(TimeSpan.FromDays(12));
    }

    internal static Guid AWorker(CreditWorld world) =>
        world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();

    /// <summary>The scoring call as the worker makes it: the sealed accounts and history rows, the accounts it scored, each history row's account and the sealed payment behaviour.</summary>
    internal static (EntityCollection Accounts, EntityCollection History, List<Guid> Scored, Dictionary<Guid, Guid> Pairs, string Behaviour) ScoringCall(IOrganizationService worker, IEnumerable<Guid> page)
    {
        var ids = page.ToList();
        var request = Agreement.PageRequest(ids);
        request[PageApi.Request.ReturnSealedRows] = true;
        var response = worker.Execute(request);
        var failed = ((string)response.Results[PageApi.Response.Failures]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(':')[0].Trim()).ToHashSet();
        var historyJson = (string)response.Results[PageApi.Response.SealedHistory];
        return (
            Rows((string)response.Results[PageApi.Response.SealedAccounts], Account.EntityLogicalName, Account.Fields.AccountId, Account.Fields.SealedPicture),
            Rows(historyJson, History.EntityLogicalName, History.Fields.CreditScoreHistoryId, History.Fields.SealedPicture),
            [.. ids.Where(id => !failed.Contains(id.ToString()))],
            string.IsNullOrEmpty(historyJson)
                ? []
                : JsonNode.Parse(historyJson)![History.EntityLogicalName]!.AsArray().ToDictionary(
                    row => Guid.Parse(row![History.Fields.CreditScoreHistoryId]!.GetValue<string>()),
                    row => Guid.Parse(row!["#account"]!.GetValue<string>())),
            (string)response.Results[PageApi.Response.SealedBehaviour]);
    }

    /// <summary>The collections call as the worker makes it (session 28: with the scoring call's sealed payment behaviour).</summary>
    internal static OrganizationRequest CollectionsCall(IEnumerable<Guid> scored, string? behaviour)
    {
        var request = Agreement.PageRequest(scored);
        request[PageApi.Request.CollectionsOnly] = true;
        if (behaviour is not null)
        {
            request[PageApi.Request.SealedBehaviour] = behaviour;
        }

        return request;
    }

    /// <summary>Each page call's collections reads, from its trace.</summary>
    internal static List<(int CollectionsReads, string Trace)> PageCallsOf(CreditWorld world) =>
        [.. world.ExecutionsOf(typeof(PagePlugin)).Select(run => Regex.Match(run.Trace, @"collections (\d+) reads") is { Success: true } match
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), run.Trace)
            : throw new Xunit.Sdk.XunitException("A page call without its calls line: " + run.Trace))];

    /// <summary>The collections calls' hand-over lines (session 28): accounts opened, refused, not given.</summary>
    private static List<HandOver> CollectionsRuns(CreditWorld world) =>
        [.. world.ExecutionsOf(typeof(PagePlugin))
            .Select(run => (run.Trace, Match: Regex.Match(run.Trace, @"Sealed payment behaviour: (\d+) of (\d+) accounts opened; (\d+) refused \([^)]*\) and (\d+) not given")))
            .Where(r => r.Match.Success)
            .Select(r => new HandOver(Number(r.Match, 1), Number(r.Match, 2), Number(r.Match, 3), Number(r.Match, 4), r.Trace))];

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private sealed record HandOver(int Opened, int Accounts, int Refused, int NotGiven, string Trace);

    /// <summary>
    /// As the worker writes a page's sealed rows (session 26, PageRowsBulkWriter): the accounts first, a refused request split in halves
    /// down to one row; then the history rows of the accounts written, and only those. Returns the accounts refused as changed meanwhile.
    /// Each send carries fresh rows (the guard opens the picture into the row it is given).
    /// </summary>
    internal static List<Guid> WriteAsTheWorker(IOrganizationService worker, EntityCollection accounts, EntityCollection history, Dictionary<Guid, Guid> pairs)
    {
        var written = new HashSet<Guid>();
        var raced = new List<Guid>();
        var pending = new Stack<List<Entity>>();
        if (accounts.Entities.Count > 0)
        {
            pending.Push([.. accounts.Entities]);
        }

        while (pending.TryPop(out var rows))
        {
            try
            {
                worker.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = Fresh(Account.EntityLogicalName, Account.Fields.SealedPicture, rows) });
                written.UnionWith(rows.Select(row => row.Id));
            }
            catch (FaultException<OrganizationServiceFault>) when (rows.Count > 1)
            {
                pending.Push(rows.Skip(rows.Count / 2).ToList());
                pending.Push(rows.Take(rows.Count / 2).ToList());
            }
            catch (FaultException<OrganizationServiceFault> fault) when (fault.Message.Contains("changed after the nightly page read it", StringComparison.Ordinal))
            {
                raced.Add(rows[0].Id);
            }
        }

        var due = history.Entities.Where(row => written.Contains(pairs[row.Id])).ToList();
        if (due.Count > 0)
        {
            worker.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = Fresh(History.EntityLogicalName, History.Fields.SealedPicture, due) });
        }

        return raced;
    }

    private static EntityCollection Fresh(string table, string sealedColumn, IEnumerable<Entity> rows) =>
        new([.. rows.Select(row => new Entity(table, row.Id) { [sealedColumn] = row[sealedColumn] })]) { EntityName = table };

    /// <summary>The account of every score-history row, by the row's id.</summary>
    private static Dictionary<Guid, Guid> HistoryOf(CreditWorld world) =>
        world.Service.RetrieveMultiple(new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.AccountId) }).Entities
            .ToDictionary(row => row.Id, row => row.GetAttributeValue<EntityReference>(History.Fields.AccountId).Id);

    /// <summary>The accounts of the history rows created since <paramref name="before"/>.</summary>
    private static List<Guid> CreatedSince(CreditWorld world, Dictionary<Guid, Guid> before) =>
        [.. HistoryOf(world).Where(row => !before.ContainsKey(row.Key)).Select(row => row.Value)];

    private static EntityCollection Rows(string json, string table, string idColumn, string sealedColumn)
    {
        var rows = new EntityCollection { EntityName = table };
        foreach (var row in JsonNode.Parse(json)![table]!.AsArray())
        {
            rows.Entities.Add(new Entity(table, Guid.Parse(row![idColumn]!.GetValue<string>())) { [sealedColumn] = row[sealedColumn]!.GetValue<string>() });
        }

        return rows;
    }

    private static OrganizationRequest Bulk(string message, string table, Entity target) =>
        new(message) { ["Targets"] = new EntityCollection([target]) { EntityName = table } };

    private static Entity Picture(Guid accountId, string sealedText, params (string Column, object Value)[] more)
    {
        var row = new Entity(Account.EntityLogicalName, accountId) { [Account.Fields.SealedPicture] = sealedText };
        foreach (var (column, value) in more)
        {
            row[column] = value;
        }

        return row;
    }

    private static string Refusal(IOrganizationService service, Entity target) =>
        Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => service.Execute(Bulk("UpdateMultiple", Account.EntityLogicalName, target))).Message;

    private static long VersionOf(CreditWorld world, Guid accountId) =>
        world.Service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.VersionNumber)).GetAttributeValue<long>(Account.Fields.VersionNumber);

    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[bytes.Length / 2] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Every score-history row by content (ids, owners and creation stamps differ between environments).</summary>
    internal static List<string> HistoryRows(CreditWorld world) =>
        [.. world.Service.RetrieveMultiple(new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities
            .Select(row => string.Join("|", row.Attributes
                .Where(a => a.Key is not (History.Fields.CreditScoreHistoryId or History.Fields.CreatedOn or History.Fields.CreatedBy or History.Fields.ModifiedOn or History.Fields.ModifiedBy
                    or History.Fields.OwnerId or History.Fields.OwningBusinessUnit or History.Fields.VersionNumber or "createdonbehalfby" or "modifiedonbehalfby" or "owninguser" or "owningteam"))
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.Key + "=" + Agreement.Normalized(a.Value))))
            .Order(StringComparer.Ordinal)];

    internal static void AssertSame(List<string> expected, List<string> actual, string what)
    {
        Assert.True(
            expected.SequenceEqual(actual),
            what + ": only one-call\n " + string.Join("\n ", expected.Except(actual)) + "\nonly two-call\n " + string.Join("\n ", actual.Except(expected)));
    }
}
