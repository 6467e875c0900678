extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using ConfigurationVersion = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion;
using MonitorCondition = plugins::CreditOS.Dataverse.Model.MonitorCondition;
using MonitorConditionKind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using Sealed = CreditOS.Plugins.Tests.NightlyBatch.SealedPageRowsTests;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;
using VersionPlugin = plugins::CreditOS.Plugins.ConfigurationVersionPlugin;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 29: the nightly page keeps the credit configuration and the collections configuration (monitor conditions, dunning steps,
/// collector rules) under the configuration's version stamp, read once per stamp and process instead of once a page
/// (<c>CreditConfigurationCache</c>, <c>CollectionsConfigurationCache</c>). Nothing of it comes from the worker; what keeps it honest
/// is the stamp, which every change of those rows gives a new value in its own transaction (<c>ConfigurationVersionPlugin</c>).
/// </summary>
public sealed class StampedConfigurationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The seal guards and the version stamp's plug-in, as deployed.</summary>
    internal static readonly Type[] Plugins = [.. Sealed.Guards, typeof(VersionPlugin)];

    private static readonly Guid NewConditionId = new("5e290000-0000-4000-8000-00000000c0d1");

    [Fact]
    public void AMonitorConditionAddedBetweenAScoringCallAndItsCollectionsCall_IsReadByTheCollectionsCall_LeavingEveryRowAsTheOneCallPage()
    {
        using var oneCall = Agreement.AWorld(out var portfolio, heldOrders: true, Plugins);
        using var twoCalls = Agreement.AWorld(out _, heldOrders: true, Plugins);
        Sealed.AfterAFirstNight(oneCall, portfolio.AccountIds);
        Sealed.AfterAFirstNight(twoCalls, portfolio.AccountIds);
        var worker = twoCalls.Context.As(Sealed.AWorker(twoCalls));
        // Creating the portfolio's conditions, steps and rules stamped the configuration; the first night read it under that stamp.
        var before = Stamp(twoCalls);
        Assert.NotNull(before);

        // The one-call night: the condition comes before its pages read anything.
        ANewCondition(oneCall);
        oneCall.ForgetExecutions();
        Agreement.SetBasedNight(oneCall, portfolio.AccountIds);

        // The two-call night: the condition comes after the first page's scoring call and before its collections call.
        twoCalls.ForgetExecutions();
        var pages = 0;
        foreach (var page in portfolio.AccountIds.Chunk(Agreement.PageSize))
        {
            var (accounts, history, scored, pairs, behaviour) = Sealed.ScoringCall(worker, page);
            Assert.Empty(Sealed.WriteAsTheWorker(worker, accounts, history, pairs));
            if (pages++ == 0)
            {
                ANewCondition(twoCalls);
            }

            worker.Execute(Sealed.CollectionsCall(scored, behaviour));
        }

        var after = Stamp(twoCalls);
        Assert.NotEqual(before, after);
        var raised = ActionItemsOf(twoCalls, NewConditionId);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"action items of the new condition: one-call {ActionItemsOf(oneCall, NewConditionId)}, two-call {raised}"));
        Assert.True(raised > 0, "the condition added between the calls raised no action item in the two-call night");
        foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName, PromiseToPay.EntityLogicalName })
        {
            Sealed.AssertSame(Agreement.Rows(oneCall, table, byId: true), Agreement.Rows(twoCalls, table, byId: true), table);
        }

        foreach (var table in new[] { TaskTable.EntityLogicalName, plugins::CreditOS.Dataverse.Model.Email.EntityLogicalName })
        {
            Sealed.AssertSame(Agreement.Rows(oneCall, table, byId: false), Agreement.Rows(twoCalls, table, byId: false), table);
        }

        Sealed.AssertSame(Sealed.HistoryRows(oneCall), Sealed.HistoryRows(twoCalls), "score history");

        // What the stamp saves: the first scoring call took the credit configuration kept under the first night's stamp; the first
        // collections call read the conditions and steps under the new stamp, the later calls kept both.
        var traces = twoCalls.ExecutionsOf(typeof(PagePlugin)).Select(run => run.Trace).ToList();
        Assert.Contains(traces, t => t.Contains("Credit configuration kept under its version stamp", StringComparison.Ordinal));
        Assert.Single(traces, t => t.Contains("monitor conditions and dunning steps read under version stamp " + after, StringComparison.Ordinal));
        Assert.Equal(pages - 1, traces.Count(t => t.Contains("monitor conditions and dunning steps kept under version stamp " + after, StringComparison.Ordinal)));
        Assert.DoesNotContain(traces, t => t.Contains("monitor conditions and dunning steps kept under version stamp " + before, StringComparison.Ordinal));
    }

    [Fact]
    public void ThePageAgain_UnderTheSameStamp_ReadsTheStampAndNotTheConfiguration()
    {
        using var stamped = Agreement.AWorld(out var portfolio, heldOrders: false, Plugins);
        using var unstamped = Agreement.AWorld(out _, heldOrders: false, Sealed.Guards);
        Assert.NotNull(Stamp(stamped));
        Assert.Null(Stamp(unstamped));
        var page = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).Take(Agreement.PageSize).ToList();
        var reads = new List<int>();
        foreach (var world in new[] { stamped, unstamped })
        {
            Rescore(world, page);
            world.ForgetExecutions();
            Rescore(world, page);
            var run = Assert.Single(world.ExecutionsOf(typeof(PagePlugin)));
            reads.Add(ScoringReads(run.Trace));
            output.WriteLine(run.Trace);
        }

        // The same page in the same portfolio: the stamped environment's second page took the configuration kept under its stamp.
        Assert.Equal(plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationReader.Calls, reads[1] - reads[0]);
        Assert.Equal(PageRescoring.UnchangedPageCalls - PageRescoring.UnchangedPageCallsWithConfigurationKept, reads[1] - reads[0]);
    }

    private static int ScoringReads(string trace) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(trace, @"Page calls: scoring (\d+) reads").Groups[1].Value, CultureInfo.InvariantCulture);

    private static void Rescore(CreditWorld world, IEnumerable<Guid> page)
    {
        var request = Agreement.PageRequest(page);
        request[plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi.Request.Trigger] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.OnDemand);
        world.Service.Execute(request);
    }

    /// <summary>A monitor condition an administrator adds: overdue above one day, due in two days.</summary>
    private static void ANewCondition(CreditWorld world) =>
        world.Service.Create(new Entity(MonitorCondition.EntityLogicalName, NewConditionId)
        {
            [MonitorCondition.Fields.Name] = "Overdue above 1 day",
            [MonitorCondition.Fields.Kind] = new OptionSetValue((int)MonitorConditionKind.OverdueDaysAbove),
            [MonitorCondition.Fields.Threshold] = 1m,
            [MonitorCondition.Fields.DueInDays] = 2,
        });

    private static int ActionItemsOf(CreditWorld world, Guid conditionId) =>
        world.Service.RetrieveMultiple(new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.OccurrenceKey) }).Entities
            .Count(task => task.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey)?.StartsWith("mon:" + conditionId.ToString("N"), StringComparison.Ordinal) == true);

    private static string? Stamp(CreditWorld world) => ConfigurationVersion.ReadStamp(world.Service);
}
