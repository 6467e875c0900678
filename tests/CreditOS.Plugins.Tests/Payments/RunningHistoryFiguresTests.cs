extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using CsCheck;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using HistoryFigures = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryFigures;
using PaymentApplication = plugins::CreditOS.Dataverse.Credit.Payments.PaymentApplication;
using PaymentRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.PaymentRescoring;
using CreditApprovalRequest = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using CreditApprovalRequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using RescoredLimit = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoredLimit;
using UnappliedCash = plugins::CreditOS.Dataverse.Credit.Payments.UnappliedCash;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// Issue 15, cheap payment postings: after the first payment of the day, a payment rescoring from the account's running
/// history figures leaves exactly what a full rescoring from the history aggregates leaves (scores, level, tier,
/// limit, exposure, overdue figures, reasons, the figures themselves), and the open receivables equal the ledger.
/// Property-style: CsCheck draws histories (open invoices of any age, terms and dispute flag beside a settled history)
/// and sequences of full, partial and unapplied payments; after each payment the on-demand rescoring
/// (cos_RescoreAccount, the aggregates) must find nothing to change.
/// </summary>
public sealed class RunningHistoryFiguresTests
{
    private static readonly string[] NotCompared =
    [
        // The lock claims and the moments they record: each operation writes its own.
        Account.Fields.LastScoredOn, Account.Fields.LastPostedOn, Account.Fields.LockClaim, Account.Fields.ModifiedOn, "versionnumber", "modifiedby", "modifiedonbehalfby",
    ];

    private static readonly Gen<OpenInvoice> Invoice = Gen.Select(
        Gen.Int[1, 500].Select(hundreds => hundreds * 10m),
        Gen.Int[1, 400],
        Gen.Int[10, 60],
        Gen.Int[0, 5],
        (amount, issuedDaysAgo, terms, disputedOneIn6) => new OpenInvoice(amount, issuedDaysAgo, terms, disputedOneIn6 == 0));

    private static readonly Gen<Scenario> Scenarios = Gen.Select(
        Invoice.Array[2, 6],
        Gen.Int[0, 30],
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 3]).Array[2, 7],
        (invoices, settledHistory, steps) => new Scenario(invoices, settledHistory, steps));

    [Fact]
    public void PaymentsScoredFromTheRunningFigures_LeaveWhatAFullRescoringFromTheAggregatesLeaves() =>
        Scenarios.Sample(Check, iter: 20, threads: 1);

    [Fact]
    public void TheFiguresReadBackAsTheyWereWritten()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin), typeof(plugins::CreditOS.Plugins.ConfigurationVersionPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(12, amount: 750m, everyDays: 9))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(90_001).Of(1_250m).IssuedDaysAgo(80).SettledDaysAgo(null).Disputed().Create(world.Service);
        AnInvoice().Numbered(90_002).Of(400m).SettledDaysAgo(null).Create(world.Service);

        APayment().Of(100m).Settling("INV-90002").Create(world.Service);

        var text = world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.HistoryFigures);
        var figures = HistoryFigures.Parse(text);
        Assert.NotNull(figures);
        Assert.Equal(text, figures!.Serialize());
        Assert.Equal(2, figures.Open.Count);
        Assert.Equal(1_250m + 300m, figures.Open.Sum(o => o.OpenAmount));
        Assert.Equal(14, figures.InvoiceCount);
        Assert.Equal(1_250m, figures.LargestInvoice);
    }

    private static void Check(Scenario scenario)
    {
        using var world = CreditWorld.WithPlugins(
            typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin),
            typeof(plugins::CreditOS.Plugins.ConfigurationVersionPlugin),
            typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var settled in AHistoryOf(scenario.SettledHistory, amount: 900m, everyDays: 11))
        {
            settled.Create(world.Service);
        }

        var open = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Invoices.Length; i++)
        {
            var invoice = scenario.Invoices[i];
            var builder = AnInvoice().Numbered(80_000 + i).Of(invoice.Amount).IssuedDaysAgo(invoice.IssuedDaysAgo).DueAfter(invoice.TermsDays).SettledDaysAgo(null);
            (invoice.Disputed ? builder.Disputed() : builder).Create(world.Service);
            open[ErpId(i)] = invoice.Amount;
        }

        // The first payment of the day rescores from the aggregates and keeps the figures.
        APayment().Of(10m).WithErpId("PAY-0").Create(world.Service);
        for (var step = 0; step < scenario.Steps.Length; step++)
        {
            var (pick, part) = scenario.Steps[step];
            var stillOpen = open.Where(o => o.Value > 0).Select(o => o.Key).OrderBy(id => id, StringComparer.Ordinal).ToList();
            var payment = APayment().WithErpId("PAY-" + (step + 1).ToString(CultureInfo.InvariantCulture));
            int settlements;
            if (part == 0 || stillOpen.Count == 0)
            {
                // Cash that names no invoice: kept unapplied.
                payment = payment.Of(25m);
                settlements = 0;
            }
            else
            {
                var erpId = stillOpen[pick % stillOpen.Count];
                // part 1: the whole open amount; 2 or 3: a half or a third of it, to the cent.
                var amount = part == 1 ? open[erpId] : Math.Max(0.01m, Math.Round(open[erpId] / part, 2));
                payment = payment.Of(amount).Settling(erpId);
                open[erpId] -= amount;
                settlements = 1;
            }

            world.ForgetExecutions();
            payment.Create(world.Service);

            var posting = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin)).Single();
            Assert.True(posting.Succeeded, posting.Error);
            // The cheap path: no configuration read, no history aggregate (an unapplied payment also writes the account's unapplied cash;
            // a rescoring whose limit cut goes to Finance routes the limit review, or finds it already there).
            var reviewCalls = LimitReviewsOf(world) > 0 ? RescoredLimit.ReviewCalls : 0;
            Assert.InRange(posting.ServiceCalls, 1, PaymentApplication.FixedCalls + PaymentRescoring.CheapCalls + settlements + (settlements == 0 ? UnappliedCash.Calls : 0) + reviewCalls);
            var afterPayment = Columns(world);
            Assert.Equal(open.Values.Sum(), world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
            Assert.Equal(open.Values.Sum(), LedgerOpen(world));

            var rescored = world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
            var afterFullRescoring = Columns(world);

            Assert.False((bool)rescored["Changed"], "the full rescoring recorded a new score after payment " + (step + 1));
            Assert.Equal(afterFullRescoring, afterPayment);
        }
    }

    private static SortedDictionary<string, string> Columns(CreditWorld world)
    {
        var row = world.Service.Retrieve(Account.EntityLogicalName, CreditTestIds.Customer, new ColumnSet(true));
        var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in row.Attributes.Where(a => !NotCompared.Contains(a.Key)))
        {
            columns[attribute.Key] = attribute.Value switch
            {
                null => "null",
                Money money => money.Value.ToString("G29", CultureInfo.InvariantCulture),
                OptionSetValue choice => choice.Value.ToString(CultureInfo.InvariantCulture),
                EntityReference reference => reference.Id.ToString(),
                DateTime moment => moment.ToString("o", CultureInfo.InvariantCulture),
                decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
        }

        return columns;
    }

    private static int LimitReviewsOf(CreditWorld world)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.RequestType, ConditionOperator.Equal, (int)CreditApprovalRequestType.LimitReview);
        return world.Service.RetrieveMultiple(query).Entities.Count;
    }

    private static decimal LedgerOpen(CreditWorld world)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.Sum(r => r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m);
    }

    private static string ErpId(int index) => "INV-" + (80_000 + index).ToString("D5", CultureInfo.InvariantCulture);

    private sealed record OpenInvoice(decimal Amount, int IssuedDaysAgo, int TermsDays, bool Disputed);

    private sealed record Scenario(OpenInvoice[] Invoices, int SettledHistory, (int Pick, int Part)[] Steps);
}
