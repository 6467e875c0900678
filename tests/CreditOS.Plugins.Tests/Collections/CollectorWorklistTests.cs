extern alias plugins;

using System.Xml.Linq;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Solution.Files;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using Rule = plugins::CreditOS.Dataverse.Model.CollectorAssignmentRule;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Collector assignment by the rules the credit administrator edits, a hand reassignment that sticks, and the worklist
/// figures the daily batch writes on the open receivables (what the "My collections worklist" view shows).
/// </summary>
public sealed class CollectorWorklistTests
{
    private const string WorklistView = "src/Entities/cos_receivable/SavedQueries/{9ee6475f-bc7f-5d4f-8dc0-ed64e5d7e1a3}.xml";

    [Fact]
    public void TheDailyBatch_AssignsTheCollectorByTheRules_AndAHandReassignmentSticks()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(8_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var nora = world.ACollector(CollectionsWorld.Nora, "Nora Collector");
        var carl = world.CreditAdministrator;
        ARule(carl, "Everyone else", 100, nora, balanceFrom: null);
        ARule(carl, "Balances from 5,000", 10, colin, balanceFrom: 5_000m);

        world.DailyBatch();
        var assigned = world.Account(CreditTestIds.Customer);
        carl.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CollectorId] = new EntityReference("systemuser", nora) });
        world.DailyBatch();
        var afterBatch = world.Account(CreditTestIds.Customer);

        Assert.Equal(colin, assigned.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        Assert.Null(assigned.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy));
        Assert.Equal(nora, afterBatch.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        Assert.Equal(FixedIds.CreditOfficer, afterBatch.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy)?.Id);
        Assert.All(OpenReceivables(world), r => Assert.Equal(nora, r.GetAttributeValue<EntityReference>(Receivable.Fields.CollectorId)?.Id));
    }

    [Fact]
    public void TheDailyBatch_WritesTheWorklistFigures_AndTheCollectorsViewRanksByExpectedLateAmount()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        // A customer that pays about 20 days late: its overdue invoice is certain to be late, the new one likely.
        foreach (var (n, ago) in new[] { (1, 200), (2, 170), (3, 140) })
        {
            AnInvoice().Numbered(n).Of(1_000m).IssuedDaysAgo(ago).DueAfter(30).SettledDaysAgo(ago - 50).Create(world.Service);
        }

        AnInvoice().Numbered(4).Of(2_000m).IssuedDaysAgo(45).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(5).Of(6_000m).IssuedDaysAgo(2).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        ARule(world.CreditAdministrator, "All", 1, colin, balanceFrom: null);

        world.DailyBatch();
        var overdue = OpenReceivables(world).Single(r => r.GetAttributeValue<string>(Receivable.Fields.ErpId) == "INV-00004");
        var notDue = OpenReceivables(world).Single(r => r.GetAttributeValue<string>(Receivable.Fields.ErpId) == "INV-00005");
        var view = world.Context.As(colin).RetrieveMultiple(new FetchExpression(ViewFetchXmlFor(colin))).Entities;

        Assert.Equal(1m, overdue.GetAttributeValue<decimal>(Receivable.Fields.LatePaymentProbability));
        // Three outcomes 20 days late and the open one 15 days overdue, shrunk with 2 of the prior 15 days: (60 + 15 + 30) / 6 = 17.5.
        Assert.Equal(17.5m, overdue.GetAttributeValue<decimal>(Receivable.Fields.ExpectedDaysLate));
        Assert.Equal(35_000m, overdue.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount));
        Assert.Equal((int)plugins::CreditOS.Dataverse.Model.ReceivableNextAction.Call, overdue.GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction).Value);
        Assert.Equal(CreditTestIds.Today, overdue.GetAttributeValue<DateTime?>(Receivable.Fields.NextActionDue)?.Date);
        Assert.StartsWith("overdue (due " + CreditTestIds.Today.AddDays(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "); 4 of 4 earlier invoices paid late", overdue.GetAttributeValue<string>(Receivable.Fields.CollectionReason), StringComparison.Ordinal);
        Assert.InRange(notDue.GetAttributeValue<decimal>(Receivable.Fields.LatePaymentProbability), 0.6m, 0.99m);
        Assert.Equal(
            Math.Round(notDue.GetAttributeValue<decimal>(Receivable.Fields.LatePaymentProbability) * 6_000m * notDue.GetAttributeValue<decimal>(Receivable.Fields.ExpectedDaysLate), 2),
            notDue.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount));
        Assert.Equal(
            view.Select(r => r.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount)).OrderByDescending(x => x).ToArray(),
            view.Select(r => r.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount)).ToArray());
        Assert.Equal(2, view.Count);
    }

    [Fact]
    public void APartialPayment_MovesTheExpectedLateAmountInTheSameWrite()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(4).Of(2_000m).IssuedDaysAgo(45).DueAfter(30).Create(world.Service);
        world.DailyBatch();
        var before = OpenReceivables(world).Single();

        APayment().WithErpId("PAY-1").Of(500m).Settling("INV-00004").Create(world.Service);
        var after = OpenReceivables(world).Single();

        Assert.Equal(
            Math.Round(before.GetAttributeValue<decimal>(Receivable.Fields.LatePaymentProbability) * 1_500m * before.GetAttributeValue<decimal>(Receivable.Fields.ExpectedDaysLate), 2),
            after.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount));
    }

    private static void ARule(IOrganizationService service, string name, int priority, Guid collector, decimal? balanceFrom)
    {
        var rule = new Entity(Rule.EntityLogicalName)
        {
            [Rule.Fields.Name] = name,
            [Rule.Fields.Priority] = priority,
            [Rule.Fields.CollectorId] = new EntityReference("systemuser", collector),
        };
        if (balanceFrom is { } from)
        {
            rule[Rule.Fields.BalanceFrom] = new Money(from);
        }

        service.Create(rule);
    }

    private static List<Entity> OpenReceivables(CreditWorld world)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    /// <summary>
    /// The view's FetchXML as the solution ships it, with its eq-userid condition resolved to the caller, as Dataverse
    /// resolves it (the local query engine refuses user operators; see the report).
    /// </summary>
    private static string ViewFetchXmlFor(Guid user)
    {
        using var stream = new EmbeddedSolutionFileSource().Open(WorklistView);
        var fetch = XDocument.Load(stream).Descendants("fetch").Single();
        var condition = fetch.Descendants("condition").Single(c => (string?)c.Attribute("operator") == "eq-userid");
        condition.SetAttributeValue("operator", "eq");
        condition.SetAttributeValue("value", user.ToString());
        return fetch.ToString();
    }
}
