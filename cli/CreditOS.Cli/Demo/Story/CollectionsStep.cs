extern alias plugins;

using System.Globalization;
using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// The collector's day (issue 13): the credit administrator hands the customers with the most overdue to a collector
/// and has the monitor watch broken promises; the daily batch (cos_RescoreAccount, Trigger = scheduled) ranks the
/// collector's worklist; the collector takes two promises: one is kept by the ERP's payment, the other is broken when
/// its date passes, which the next batches turn into one action item for the collector however often they run. Played
/// last: it moves the clock on three days.
/// </summary>
internal static class CollectionsStep
{
    public const string CollectorName = "Colin Collector";
    private const int BookSize = 5;
    private const int WorklistLines = 5;
    private const string PaymentErpId = "PAY-STORY-PROMISE";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        if (!story.Capabilities.CapturesPromises || !story.Capabilities.PostsPayments)
        {
            story.Skip("the collector's worklist, a promise kept and a promise broken", "the promise or payment posting plugin is not registered");
            return;
        }

        var book = accounts
            .Where(a => !used.Contains(a.AccountId) && !a.IsSuspended && a.Overdue > 0m)
            .OrderByDescending(a => a.Overdue)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(BookSize)
            .ToList();
        if (book.Count < 2)
        {
            story.Skip("the collector's worklist, a promise kept and a promise broken", "fewer than two customers with overdue invoices in this portfolio");
            return;
        }

        var dataverse = story.Run.Dataverse;
        var collector = dataverse.CreateUser(CollectorName);
        dataverse.AssignRole(collector, dataverse.SolutionRoleId("creditOS Collector"));
        var asCollector = dataverse.GetOrganizationService(collector);
        var currency = story.Reference.CurrencyCode;
        foreach (var account in book)
        {
            used.Add(account.AccountId);
            story.System.Update(new Entity(Account.EntityLogicalName, account.AccountId) { [Account.Fields.CollectorId] = new EntityReference(SystemUser.EntityLogicalName, collector) });
        }

        story.System.Create(new Entity(MonitorCondition.EntityLogicalName)
        {
            [MonitorCondition.Fields.Name] = "Broken promise to pay",
            [MonitorCondition.Fields.Kind] = new OptionSetValue((int)MonitorConditionKind.BrokenPromise),
            [MonitorCondition.Fields.DueInDays] = 1,
        });
        story.Output.Line("H. The credit administrator hands the " + book.Count + " customers with the most overdue to " + CollectorName
            + " and has the condition monitor watch broken promises; the daily batch ranks the collector's worklist for today:");
        DailyBatch(story, book);
        var worklist = Worklist(asCollector, collector);
        foreach (var line in worklist.Take(WorklistLines))
        {
            story.Output.Line("   " + line.Describe(currency));
        }

        var keptAccount = book[0];
        var brokenAccount = book[1];
        var kept = PromiseOn(story, asCollector, keptAccount, daysAhead: 3);
        var broken = PromiseOn(story, asCollector, brokenAccount, daysAhead: 2);
        var refusal = ErpPayments.Post(story, keptAccount.AccountId, PaymentErpId, kept.Amount, [kept.Invoice]);
        if (refusal is not null)
        {
            story.Output.Line("   The ERP's payment " + PaymentErpId + " was REFUSED: " + refusal);
        }

        story.Output.Line("   " + CollectorName + " takes a promise from " + keptAccount.Name + " to pay " + kept.Invoice + " (" + Figures.Money(currency, kept.Amount)
            + ") within 3 days; the ERP posts the payment the same day: the promise is " + Status(story, kept.Id) + ".");

        story.Run.Clock.Advance(TimeSpan.FromDays(3));
        DailyBatch(story, [brokenAccount]);
        DailyBatch(story, [brokenAccount]);
        var tasks = MonitorTasks(story.System, brokenAccount.AccountId);
        story.Output.Line("   " + brokenAccount.Name + " promised " + broken.Invoice + " (" + Figures.Money(currency, broken.Amount)
            + ") within 2 days and did not pay: three days on the promise is " + Status(story, broken.Id) + "; two daily batches later the collector has "
            + tasks.Count + " action item: " + string.Join("; ", tasks.Select(t => t.GetAttributeValue<string>(TaskTable.Fields.Subject) + " (due "
            + t.GetAttributeValue<DateTime>(TaskTable.Fields.ScheduledEnd).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")")) + ".");
        story.Run.Story.Add(new CollectionsOutcome(collector, [.. book.Select(a => a.AccountId)], worklist, kept.Id, keptAccount.AccountId, broken.Id, brokenAccount.AccountId, [.. tasks.Select(t => t.Id)]));
    }

    /// <summary>The worker's daily batch for the accounts: cos_RescoreAccount with Trigger = scheduled, which runs the collections part.</summary>
    private static void DailyBatch(StoryContext story, IEnumerable<AccountSnapshot> accounts)
    {
        foreach (var account in accounts)
        {
            story.System.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
            {
                ["Target"] = new EntityReference(Account.EntityLogicalName, account.AccountId),
                [RescoreAccountApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            });
        }
    }

    /// <summary>What the collector's "My collections worklist" shows, read as the collector: open items ranked by expected late amount.</summary>
    private static List<WorklistLine> Worklist(IOrganizationService asCollector, Guid collector)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Receivable.Fields.InvoiceNumber, Receivable.Fields.AccountId, Receivable.Fields.OpenAmount, Receivable.Fields.LatePaymentProbability,
                Receivable.Fields.ExpectedDaysLate, Receivable.Fields.ExpectedLateAmount, Receivable.Fields.NextAction, Receivable.Fields.CollectionReason),
        };
        query.Criteria.AddCondition(Receivable.Fields.CollectorId, ConditionOperator.Equal, collector);
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        query.AddOrder(Receivable.Fields.ExpectedLateAmount, OrderType.Descending);
        var account = query.AddLink(Account.EntityLogicalName, Receivable.Fields.AccountId, Account.Fields.AccountId);
        account.EntityAlias = "acct";
        account.Columns = new ColumnSet(Account.Fields.Name);
        return [.. asCollector.RetrieveMultiple(query).Entities.Select(r => new WorklistLine(
            r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? "-",
            (r.GetAttributeValue<AliasedValue>("acct." + Account.Fields.Name)?.Value as string) ?? "-",
            r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m,
            r.GetAttributeValue<decimal?>(Receivable.Fields.LatePaymentProbability),
            r.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedDaysLate),
            r.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedLateAmount) ?? 0m,
            r.GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction) is { } action && Enum.IsDefined(typeof(ReceivableNextAction), action.Value) ? ((ReceivableNextAction)action.Value).ToString() : "-",
            r.GetAttributeValue<string>(Receivable.Fields.CollectionReason) ?? string.Empty))];
    }

    /// <summary>The collector records a promise for the account's oldest overdue invoice, for its open amount.</summary>
    private static PromiseTaken PromiseOn(StoryContext story, IOrganizationService asCollector, AccountSnapshot account, int daysAhead)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.ErpId, Receivable.Fields.OpenAmount), TopCount = 1 };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, account.AccountId);
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        query.Criteria.AddCondition(Receivable.Fields.DueDate, ConditionOperator.LessThan, story.Run.Clock.Today);
        query.AddOrder(Receivable.Fields.DueDate, OrderType.Ascending);
        var invoice = story.System.RetrieveMultiple(query).Entities.Single();
        var erpId = invoice.GetAttributeValue<string>(Receivable.Fields.ErpId);
        var amount = invoice.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value;
        var id = asCollector.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = "Promise " + account.Name + " " + erpId,
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account.AccountId),
            [PromiseToPay.Fields.Amount] = new Money(amount),
            [PromiseToPay.Fields.PromisedFor] = story.Run.Clock.Today.AddDays(daysAhead),
            [PromiseToPay.Fields.CoveredInvoices] = erpId,
        });
        return new PromiseTaken(id, erpId, amount);
    }

    private static string Status(StoryContext story, Guid promiseId)
    {
        var status = story.System.Retrieve(PromiseToPay.EntityLogicalName, promiseId, new ColumnSet(PromiseToPay.Fields.PromiseStatus))
            .GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value;
        return status is { } value && Enum.IsDefined(typeof(PromiseToPayStatus), value) ? ((PromiseToPayStatus)value).ToString().ToLowerInvariant() : "unknown";
    }

    private static List<Entity> MonitorTasks(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.Subject, TaskTable.Fields.ScheduledEnd, TaskTable.Fields.OwnerId, TaskTable.Fields.Description) };
        query.Criteria.AddCondition(TaskTable.Fields.RegardingObjectId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(TaskTable.Fields.OccurrenceKey, ConditionOperator.NotNull);
        return [.. service.RetrieveMultiple(query).Entities];
    }

    private sealed record PromiseTaken(Guid Id, string Invoice, decimal Amount);
}

/// <summary>One line of the collector's worklist with the figures that rank it.</summary>
internal sealed record WorklistLine(string Invoice, string Account, decimal Open, decimal? Probability, decimal? ExpectedDaysLate, decimal ExpectedLateAmount, string NextAction, string Reason)
{
    public string Describe(string currency) =>
        Invoice + " " + Account + ": open " + Figures.Money(currency, Open) + ", P(late) " + (Probability?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-")
        + ", expected " + (ExpectedDaysLate?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-") + " days late, expected late amount " + Figures.Money(ExpectedLateAmount)
        + "; next: " + NextAction + " (" + Reason + ")";
}

/// <summary>The collector, the book, the worklist as shown, a promise kept, a promise broken and the action items it raised.</summary>
internal sealed record CollectionsOutcome(
    Guid CollectorId,
    IReadOnlyList<Guid> Book,
    IReadOnlyList<WorklistLine> Worklist,
    Guid KeptPromiseId,
    Guid KeptAccountId,
    Guid BrokenPromiseId,
    Guid BrokenAccountId,
    IReadOnlyList<Guid> ActionItemIds) : StoryOutcome("The collector's day")
{
    public override IReadOnlyList<Guid> AccountIds => [KeptAccountId, BrokenAccountId];
}
