extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Xunit.Abstractions;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using Materiality = plugins::CreditOS.CreditEngine.Collections.WorklistMateriality;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// A night with nothing new (no payment, invoice or configuration change since the night before) writes (nearly)
/// nothing, on both nightly paths alike: an open invoice's worklist figures are rewritten only when they moved by the
/// material worklist change (<see cref="Materiality"/>, cos_materialworklistchange on the default rule set) or its next
/// action changed, the reason counts no days, an action already due keeps its first due date, and the account stores its
/// oldest overdue item's due date rather than a day count. A material change still writes: an invoice disputed, half
/// an invoice paid, and an administrator's threshold of 0 (every change) all reach the stored rows the next night.
/// </summary>
public sealed class QuietNightTests(ITestOutputHelper output)
{
    private const int Customers = 40;
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000000c9");

    /// <summary>Columns whose value is a count of days as of the night: they would change every night.</summary>
    private static readonly string[] DayCountColumns = [Account.Fields.OldestOverdueDays];

    [Fact]
    public void AQuietNight_WritesOnlyMaterialMoves_OnBothPaths_AndAMaterialChangeStillWrites()
    {
        using var perAccount = AWorld(materialChange: null, out var portfolio);
        using var setBased = AWorld(materialChange: null, out _);
        var scored = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();
        PerAccountNight(perAccount, scored);
        SetBasedNight(setBased, scored);
        var openInvoices = OpenReceivables(setBased).Count;
        Assert.True(openInvoices > Customers, "open invoices to refresh: " + openInvoices);

        var quietWrites = 0;
        for (var night = 1; night <= 3; night++)
        {
            var before = Rows(setBased);
            perAccount.Context.Clock.Advance(TimeSpan.FromDays(1));
            setBased.Context.Clock.Advance(TimeSpan.FromDays(1));
            PerAccountNight(perAccount, scored);
            SetBasedNight(setBased, scored);
            AssertSameRows(perAccount, setBased, "quiet night +" + night);

            var after = Rows(setBased);
            var receivablesWritten = 0;
            foreach (var (key, row) in after)
            {
                var changed = Changed(before[key], row);
                Assert.DoesNotContain(changed, column => DayCountColumns.Contains(column));
                if (key.StartsWith(Receivable.EntityLogicalName, StringComparison.Ordinal) && changed.Count > 0)
                {
                    receivablesWritten++;
                    Assert.True(MaterialMove(before[key], row, Materiality.Default), "night +" + night + ": " + key + " rewritten without a material move: " + Describe(before[key], row, changed));
                }
            }

            output.WriteLine("quiet night +" + night + ": " + receivablesWritten + " of " + openInvoices + " open invoices rewritten");
            quietWrites += receivablesWritten;
        }

        // Before session 9 nearly every open invoice was rewritten every night (the day count in the reason, the expected
        // days late of an overdue invoice, the action due "today"); now only material moves, a small share.
        Assert.True(quietWrites * 10 < openInvoices * 3, quietWrites + " rewrites in three quiet nights of " + openInvoices + " open invoices");

        // A material change still writes, on both paths alike: a not-yet-due invoice disputed and half an overdue one paid.
        var notDue = OpenReceivables(setBased).First(r => r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate) > setBased.Context.Clock.GetUtcNow().UtcDateTime
            && !r.GetAttributeValue<bool>(Receivable.Fields.IsDisputed));
        var overdue = OpenReceivables(setBased).First(r => r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate) < setBased.Context.Clock.GetUtcNow().UtcDateTime.AddDays(-5)
            && !r.GetAttributeValue<bool>(Receivable.Fields.IsDisputed) && r.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedLateAmount) > 0m);
        foreach (var world in new[] { perAccount, setBased })
        {
            // Straight to the rows (only the nightly plug-ins are registered): the night is what must notice.
            world.Service.Update(new Entity(Receivable.EntityLogicalName, notDue.Id) { [Receivable.Fields.IsDisputed] = true });
            world.Service.Update(new Entity(Receivable.EntityLogicalName, overdue.Id) { [Receivable.Fields.OpenAmount] = new Money(Math.Round(overdue.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value / 2m, 2)) });
            world.Context.Clock.Advance(TimeSpan.FromDays(1));
        }

        PerAccountNight(perAccount, scored);
        SetBasedNight(setBased, scored);
        AssertSameRows(perAccount, setBased, "night after the changes");
        var disputed = setBased.Service.Retrieve(Receivable.EntityLogicalName, notDue.Id, new ColumnSet(true));
        Assert.Equal((int)plugins::CreditOS.Dataverse.Model.ReceivableNextAction.ResolveDispute, disputed.GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction).Value);
        Assert.EndsWith("disputed; expected " + disputed.GetAttributeValue<decimal>(Receivable.Fields.ExpectedDaysLate).ToString("0.#", CultureInfo.InvariantCulture) + " days late", disputed.GetAttributeValue<string>(Receivable.Fields.CollectionReason), StringComparison.Ordinal);
        var halfPaid = setBased.Service.Retrieve(Receivable.EntityLogicalName, overdue.Id, new ColumnSet(true));
        Assert.Equal(
            plugins::CreditOS.Dataverse.Credit.Collections.CollectionsRefresh.ExpectedLateAmount(
                halfPaid.GetAttributeValue<decimal>(Receivable.Fields.LatePaymentProbability), halfPaid.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value, halfPaid.GetAttributeValue<decimal>(Receivable.Fields.ExpectedDaysLate)),
            halfPaid.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount));
        Assert.True(halfPaid.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount) < overdue.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount) * 0.6m);
        // The account keeps its oldest overdue item as a date: the days are counted where they are shown.
        Assert.Contains(scored, id => perAccount.Account(id).GetAttributeValue<DateTime?>(Account.Fields.OldestOverdueSince) is not null);
    }

    [Fact]
    public void AnAdministratorsThresholdOfZero_RewritesEveryMove_TheDefaultFewer()
    {
        using var tenPercent = AWorld(materialChange: null, out var portfolio);
        using var everyChange = AWorld(materialChange: 0m, out _);
        var scored = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();
        SetBasedNight(tenPercent, scored);
        SetBasedNight(everyChange, scored);
        tenPercent.Context.Clock.Advance(TimeSpan.FromDays(2));
        everyChange.Context.Clock.Advance(TimeSpan.FromDays(2));
        var keptBefore = Rows(tenPercent);
        var everyBefore = Rows(everyChange);

        SetBasedNight(tenPercent, scored);
        SetBasedNight(everyChange, scored);

        var keptWrites = Rows(tenPercent).Count(r => r.Key.StartsWith(Receivable.EntityLogicalName, StringComparison.Ordinal) && Changed(keptBefore[r.Key], r.Value).Count > 0);
        var everyWrites = Rows(everyChange).Count(r => r.Key.StartsWith(Receivable.EntityLogicalName, StringComparison.Ordinal) && Changed(everyBefore[r.Key], r.Value).Count > 0);
        output.WriteLine("receivables rewritten two days later: threshold 10% " + keptWrites + ", threshold 0 " + everyWrites);
        Assert.True(everyWrites > keptWrites * 2, "threshold 0: " + everyWrites + " rewrites, default: " + keptWrites);
    }

    private static CreditWorld AWorld(decimal? materialChange, out GeneratedPortfolio portfolio)
    {
        var world = CreditWorld.WithPlugins(typeof(RescorePlugin), typeof(PagePlugin));
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), RuleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }

        // The shipped default is written with the rule set, as an administrator sees it.
        Assert.Equal(Materiality.DefaultThreshold, world.Service.Retrieve(RuleSet.EntityLogicalName, RuleSetId, new ColumnSet(RuleSet.Fields.MaterialWorklistChange)).GetAttributeValue<decimal?>(RuleSet.Fields.MaterialWorklistChange));
        if (materialChange is { } threshold)
        {
            world.Context.As(FixedIds.CreditOfficer).Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { [RuleSet.Fields.MaterialWorklistChange] = threshold });
        }

        portfolio = GeneratedPortfolio.Load(world.Service, customers: Customers, heldOrders: false);
        return world;
    }

    /// <summary>Whether a receivable's rewrite is material by the rule: a new next action or collector, or a figure moved by the threshold.</summary>
    private static bool MaterialMove(Dictionary<string, string> before, Dictionary<string, string> after, Materiality materiality) =>
        Value(before, Receivable.Fields.NextAction) != Value(after, Receivable.Fields.NextAction)
        || Value(before, Receivable.Fields.CollectorId) != Value(after, Receivable.Fields.CollectorId)
        || materiality.FiguresMoved(
            Number(before, Receivable.Fields.LatePaymentProbability), Number(after, Receivable.Fields.LatePaymentProbability) ?? 0m,
            Number(before, Receivable.Fields.ExpectedDaysLate), Number(after, Receivable.Fields.ExpectedDaysLate) ?? 0m,
            Number(before, Receivable.Fields.ExpectedLateAmount), Number(after, Receivable.Fields.ExpectedLateAmount) ?? 0m);

    private static string? Value(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var value) ? value : null;

    private static decimal? Number(Dictionary<string, string> row, string column) =>
        Value(row, column) is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : null;

    private static string Describe(Dictionary<string, string> before, Dictionary<string, string> after, IEnumerable<string> columns) =>
        string.Join(", ", columns.Select(c => c + " " + (Value(before, c) ?? "∅") + " → " + (Value(after, c) ?? "∅")));

    private static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(c => !before.TryGetValue(c.Key, out var value) || value != c.Value).Select(c => c.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)))];

    private static void PerAccountNight(CreditWorld world, IEnumerable<Guid> accountIds)
    {
        foreach (var id in accountIds)
        {
            world.Service.Execute(new OrganizationRequest(RescoreApi.UniqueName)
            {
                ["Target"] = new EntityReference(Account.EntityLogicalName, id),
                [RescoreApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            });
        }
    }

    private static void SetBasedNight(CreditWorld world, IReadOnlyList<Guid> accountIds)
    {
        foreach (var page in accountIds.Chunk(13))
        {
            world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
            {
                [PageApi.Request.AccountIds] = page.Select(id => id.ToString("D")).ToArray(),
                [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            });
        }
    }

    private static void AssertSameRows(CreditWorld perAccount, CreditWorld setBased, string when)
    {
        var expected = Rows(perAccount);
        var actual = Rows(setBased);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, row) in expected)
        {
            var other = actual[key];
            var differing = Changed(row, other).Where(c => c is not "cos_lastscoredon" and not "cos_lockclaim" and not "cos_historyfigures" and not "modifiedby").ToList();
            Assert.True(differing.Count == 0, when + ", " + key + ": per-account and set-based differ: " + Describe(row, other, differing));
        }
    }

    private static List<Entity> OpenReceivables(CreditWorld world)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        return [.. world.Service.RetrieveMultiple(query).Entities.OrderBy(r => r.Id)];
    }

    private static Dictionary<string, Dictionary<string, string>> Rows(CreditWorld world)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName })
        {
            foreach (var row in world.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities)
            {
                rows[table + "/" + row.Id] = row.Attributes.Where(a => a.Key is not "versionnumber" and not "modifiedon").ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal);
            }
        }

        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
