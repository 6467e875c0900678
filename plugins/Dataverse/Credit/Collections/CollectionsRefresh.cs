using System.Xml.Linq;
using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static CreditOS.Dataverse.Framework.FetchXml;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Writes the collections worklist figures on an account's open receivables: each one's late-payment probability,
/// expected days late, expected late amount, next action with its due date, the reason in words and the account's
/// collector (what the "My collections worklist" view and page filter on). The customer's payment behaviour comes from
/// one aggregate over its settled receivables (grouped by due and settlement day and dispute) and the open receivables
/// read in a second query; the engine predicts (<see cref="InvoicePaymentPredictor"/>) and decides the next action
/// (<see cref="CollectionsWorklist"/>). Calls: 2 + one update per receivable whose figures changed. What counts as a
/// change is the engine's <see cref="WorklistMateriality"/>: the nightly batch passes the configured threshold, so
/// figures that only moved with the calendar stay as stored; an event on a receivable or a collector change passes
/// <see cref="WorklistMateriality.EveryChange"/>.
/// </summary>
public static class CollectionsRefresh
{
    /// <summary>Calls before the updates: the settled aggregate and the open receivables.</summary>
    public const int ReadCalls = 2;

    /// <summary>Calls of <see cref="ReadPage"/> (one page of rows): the open receivables; the settled rows come with the page's rescoring.</summary>
    public const int PageReadCalls = 1;

    private const string DueYear = "dy";
    private const string DueMonth = "dm";
    private const string DueDay = "dd";
    private const string SettledYear = "sy";
    private const string SettledMonth = "sm";
    private const string SettledDay = "sd";
    private const string Disputed = "disputed";
    private const string Amount = "amount";
    private const string Count = "count";

    private static readonly string[] OpenColumns =
    [
        Receivable.Fields.ErpId, Receivable.Fields.InvoiceNumber, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate, Receivable.Fields.Amount,
        Receivable.Fields.OpenAmount, Receivable.Fields.IsDisputed, Receivable.Fields.LatePaymentProbability, Receivable.Fields.ExpectedDaysLate,
        Receivable.Fields.ExpectedLateAmount, Receivable.Fields.NextAction, Receivable.Fields.NextActionDue, Receivable.Fields.CollectionReason,
        Receivable.Fields.CollectorId, Receivable.Fields.ErpResyncReason,
    ];

    /// <summary>Calls of <see cref="RefreshOne"/>: the settings, the account, the two worklist reads and one update at most.</summary>
    public const int OneReceivableCalls = CollectionsSettings.Calls + 1 + ReadCalls + 1;

    /// <summary>
    /// A receivable event's cheap refresh: only the receivable that changed is rewritten (the daily batch refreshes the
    /// rest), so the cost is fixed whatever the account's size.
    /// </summary>
    public static int RefreshOne(IOrganizationService service, ITracingService tracing, Guid accountId, Guid receivableId, DateTime asOf)
    {
        var settings = CollectionsSettings.Read(service);
        var account = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.CollectorId, Account.Fields.NextPromiseDate));
        return ReadCalls + CollectionsSettings.Calls + 1 + Refresh(
            service,
            tracing,
            accountId,
            account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id,
            account.GetAttributeValue<DateTime?>(Account.Fields.NextPromiseDate),
            asOf,
            settings.Model,
            WorklistMateriality.EveryChange,
            receivableId);
    }

    /// <summary>Refreshes the figures of the account's open receivables (or only <paramref name="only"/>); returns how many were rewritten.</summary>
    public static int Refresh(IOrganizationService service, ITracingService tracing, Guid accountId, Guid? collectorId, DateTime? nextPromiseDate, DateTime asOf, InvoicePredictionModel model, WorklistMateriality materiality, Guid? only = null)
    {
        var today = asOf.Date;
        var settled = service.RetrieveMultiple(new FetchExpression(Settled(accountId, today).ToString(SaveOptions.DisableFormatting))).Entities;
        return RefreshFrom(service, tracing, accountId, collectorId, nextPromiseDate, asOf, model, materiality, settled, ReadOpen(service, accountId, today), only);
    }

    /// <summary>
    /// The worklist figures of a page of accounts: the settled rows its rescoring read (<c>HistoryAggregates.ReadPage</c>,
    /// the same receivables the Risk score's payment evidence counts) and the open receivables read here with an
    /// <c>in</c> condition (paged by 5,000 rows), for <see cref="RefreshFrom"/> account by account. One home for the
    /// page's settled figures: the page path once had its own settled aggregate here, unused since session 17, whose
    /// figures differed from the rescoring's (session 25: "4 of 4 earlier invoices paid late" against "28 of 36"); removed.
    /// </summary>
    /// <param name="settled">Each account's payment behaviour summed from the page's settled aggregate rows as its rescoring read
    /// them (<see cref="SettledBehaviour"/>; in a two-call night handed over sealed, session 28); an account without settled
    /// receivables has none.</param>
    public static PageRows ReadPage(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime asOf, IReadOnlyDictionary<Guid, PaymentBehaviour> settled, ref int calls)
    {
        var today = asOf.Date;
        var own = accountIds.Where(settled.ContainsKey).ToDictionary(id => id, id => settled[id]);
        var open = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(OpenColumns) };
        open.ColumnSet.AddColumn(Receivable.Fields.AccountId);
        open.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
        OpenConditions(open, today);
        return new PageRows(own, PageReads.ByAccount(PageReads.All(service, open, ref calls), Receivable.Fields.AccountId));
    }

    /// <summary>
    /// Refreshes the figures of the account's open receivables (or only <paramref name="only"/>) from its settled
    /// aggregate rows and open receivables already read; returns how many were rewritten. One home for every path.
    /// </summary>
    /// <param name="forBulkWrite">Given (the nightly page called by the worker, session 21): the changed rows are not written
    /// here but added to it, each with the row version its figures were computed from (<see cref="WorklistBasis"/>), for the
    /// worker to write in bulk; the count returned is then the rows handed back.</param>
    public static int RefreshFrom(IOrganizationService service, ITracingService tracing, Guid accountId, Guid? collectorId, DateTime? nextPromiseDate, DateTime asOf, InvoicePredictionModel model, WorklistMateriality materiality, IEnumerable<Entity> settledRows, IReadOnlyList<Entity> open, Guid? only = null, ICollection<Entity>? forBulkWrite = null) =>
        RefreshFrom(service, tracing, accountId, collectorId, nextPromiseDate, asOf, model, materiality, SettledBehaviour(settledRows), open, only, forBulkWrite);

    /// <summary>
    /// What the account's settled aggregate rows say about how it pays (<see cref="PaymentBehaviour.AddSettled"/> for each row):
    /// sums and counts only, so the nightly scoring call can hand them to its collections call sealed (session 28) instead of the rows.
    /// </summary>
    public static PaymentBehaviour SettledBehaviour(IEnumerable<Entity> settledRows)
    {
        var behaviour = new PaymentBehaviour();
        foreach (var row in settledRows)
        {
            var due = DateOf(row, DueYear, DueMonth, DueDay);
            var settled = DateOf(row, SettledYear, SettledMonth, SettledDay);
            behaviour.AddSettled((settled - due).Days, row.Aliased<bool?>(Disputed) == true, row.Aliased<int?>(Count) ?? 0, row.AliasedAmount(Amount));
        }

        return behaviour;
    }

    /// <summary>As above, from the account's settled payment behaviour already summed (<see cref="SettledBehaviour"/>), which is not changed.</summary>
    public static int RefreshFrom(IOrganizationService service, ITracingService tracing, Guid accountId, Guid? collectorId, DateTime? nextPromiseDate, DateTime asOf, InvoicePredictionModel model, WorklistMateriality materiality, PaymentBehaviour settled, IReadOnlyList<Entity> open, Guid? only = null, ICollection<Entity>? forBulkWrite = null)
    {
        var today = asOf.Date;
        var behaviour = settled.Copy();
        foreach (var receivable in open)
        {
            behaviour.AddOpen((today - DueOf(receivable)).Days, receivable.GetAttributeValue<bool>(Receivable.Fields.IsDisputed), 1, receivable.MoneyOrZero(Receivable.Fields.Amount));
        }

        var written = 0;
        foreach (var receivable in open.Where(r => only is null || r.Id == only))
        {
            var update = Figures(receivable, behaviour, collectorId, nextPromiseDate, today, model, materiality);
            if (update.Attributes.Count > 0 && forBulkWrite is not null)
            {
                update[Receivable.Fields.WorklistBasis] = BasisOf(receivable);
                forBulkWrite.Add(update);
                written++;
            }
            else if (update.Attributes.Count > 0)
            {
                service.Update(update);
                written++;
            }
        }

        tracing.Trace("Collections refresh of account {0}: {1} open receivable(s), {2} rewritten, {3} earlier outcome(s) known.", accountId, open.Count, written, behaviour.Outcomes);
        return written;
    }

    /// <summary>
    /// The changed worklist columns of one open receivable (none when nothing changed materially: only changed columns
    /// are written, and figures that moved less than <paramref name="materiality"/> allows keep their stored values).
    /// </summary>
    public static Entity Figures(Entity receivable, PaymentBehaviour behaviour, Guid? collectorId, DateTime? nextPromiseDate, DateTime today, InvoicePredictionModel model, WorklistMateriality materiality)
    {
        var openAmount = receivable.MoneyOrZero(Receivable.Fields.OpenAmount);
        var disputed = receivable.GetAttributeValue<bool>(Receivable.Fields.IsDisputed);
        var invoice = new InvoiceToPredict(
            receivable.GetAttributeValue<DateTime?>(Receivable.Fields.InvoiceDate) ?? today,
            DueOf(receivable),
            receivable.MoneyOrZero(Receivable.Fields.Amount),
            openAmount,
            disputed);
        var prediction = InvoicePaymentPredictor.Predict(invoice, behaviour, today, model);
        var entry = CollectionsWorklist.Entry(
            new WorklistInvoice(receivable.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? receivable.Id.ToString(), string.Empty, string.Empty, invoice.DueDate, openAmount, disputed, prediction, nextPromiseDate, AwaitsErpResync(receivable)),
            today);
        var update = new Entity(Receivable.EntityLogicalName, receivable.Id);
        var probability = Math.Round((decimal)prediction.Probability, 4);
        var daysLate = Math.Round((decimal)prediction.ExpectedDaysLate, 1);
        // From the stored (rounded) figures, so the three columns a collector reads multiply to the one ranked by.
        var lateAmount = ExpectedLateAmount(probability, openAmount, daysLate);
        var storedAction = receivable.GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction) is { } stored ? ActionOf(stored.Value) : (CollectionAction?)null;
        var actionChanged = storedAction != entry.NextAction;
        // The figures and the reason that states them move together, and only materially (or with a new next action).
        if (actionChanged || materiality.FiguresMoved(
            receivable.GetAttributeValue<decimal?>(Receivable.Fields.LatePaymentProbability), probability,
            receivable.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedDaysLate), daysLate,
            receivable.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedLateAmount), lateAmount))
        {
            SetIfChanged(update, receivable, Receivable.Fields.LatePaymentProbability, probability);
            SetIfChanged(update, receivable, Receivable.Fields.ExpectedDaysLate, daysLate);
            SetIfChanged(update, receivable, Receivable.Fields.ExpectedLateAmount, lateAmount);
            SetIfChanged(update, receivable, Receivable.Fields.CollectionReason, Truncate(entry.Reason, 400));
        }

        SetIfChanged(update, receivable, Receivable.Fields.NextAction, new OptionSetValue(ActionValue(entry.NextAction)));
        SetIfChanged(
            update,
            receivable,
            Receivable.Fields.NextActionDue,
            WorklistMateriality.ActionDue(storedAction, receivable.GetAttributeValue<DateTime?>(Receivable.Fields.NextActionDue), entry.NextAction, entry.NextActionDue, today));
        SetIfChanged(update, receivable, Receivable.Fields.CollectorId, collectorId is { } id ? new EntityReference(SystemUser.EntityLogicalName, id) : null);
        if (update.Attributes.Count > 0)
        {
            update[Receivable.Fields.PredictedOn] = today;
        }

        return update;
    }

    /// <summary>The worklist's expected late amount after a payment leaves <paramref name="openAfter"/> open, from the stored probability and days (no call).</summary>
    public static decimal ExpectedLateAmountAfter(Entity receivable, decimal openAfter) =>
        ExpectedLateAmount(
            receivable.GetAttributeValue<decimal?>(Receivable.Fields.LatePaymentProbability) ?? 0m,
            openAfter,
            receivable.GetAttributeValue<decimal?>(Receivable.Fields.ExpectedDaysLate) ?? 0m);

    /// <summary>Probability × open amount × expected days late, to the cent.</summary>
    public static decimal ExpectedLateAmount(decimal probability, decimal openAmount, decimal expectedDaysLate) =>
        Math.Round(probability * openAmount * expectedDaysLate, 2, MidpointRounding.AwayFromZero);

    public static CollectionAction? ActionOf(int value) => value switch
    {
        (int)ReceivableNextAction.Monitor => CollectionAction.Monitor,
        (int)ReceivableNextAction.PreDueReminder => CollectionAction.PreDueReminder,
        (int)ReceivableNextAction.Call => CollectionAction.Call,
        (int)ReceivableNextAction.ResolveDispute => CollectionAction.ResolveDispute,
        (int)ReceivableNextAction.CheckPromise => CollectionAction.CheckPromise,
        (int)ReceivableNextAction.ErpResyncFirst => CollectionAction.ErpResyncFirst,
        _ => null,
    };

    public static int ActionValue(CollectionAction action) => action switch
    {
        CollectionAction.PreDueReminder => (int)ReceivableNextAction.PreDueReminder,
        CollectionAction.Call => (int)ReceivableNextAction.Call,
        CollectionAction.ResolveDispute => (int)ReceivableNextAction.ResolveDispute,
        CollectionAction.CheckPromise => (int)ReceivableNextAction.CheckPromise,
        CollectionAction.ErpResyncFirst => (int)ReceivableNextAction.ErpResyncFirst,
        _ => (int)ReceivableNextAction.Monitor,
    };

    /// <summary>The invoice carries the ERP re-sync flag (a finding in cos_erpresyncreason): not chased until it is cleared.</summary>
    public static bool AwaitsErpResync(Entity receivable) => !string.IsNullOrEmpty(receivable.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));

    /// <summary>The row version the receivable was read at (Dataverse returns it with every retrieved row).</summary>
    private static long BasisOf(Entity receivable) =>
        long.TryParse(receivable.RowVersion, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidPluginExecutionException("Invoice " + receivable.Id + " was read without its row version, so its worklist figures cannot be handed back for a bulk write.");

    private static List<Entity> ReadOpen(IOrganizationService service, Guid accountId, DateTime today)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(OpenColumns) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, accountId);
        OpenConditions(query, today);
        return service.RetrieveMultiple(query).Entities.ToList();
    }

    private static void OpenConditions(QueryExpression query, DateTime today)
    {
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        query.Criteria.AddCondition(Receivable.Fields.InvoiceDate, ConditionOperator.OnOrBefore, today);
    }

    private static XElement Settled(Guid accountId, DateTime today) => AggregateFetch(
        Receivable.EntityLogicalName,
        GroupByDate(Receivable.Fields.DueDate, "year", DueYear),
        GroupByDate(Receivable.Fields.DueDate, "month", DueMonth),
        GroupByDate(Receivable.Fields.DueDate, "day", DueDay),
        GroupByDate(Receivable.Fields.SettledOn, "year", SettledYear),
        GroupByDate(Receivable.Fields.SettledOn, "month", SettledMonth),
        GroupByDate(Receivable.Fields.SettledOn, "day", SettledDay),
        GroupBy(Receivable.Fields.IsDisputed, Disputed),
        Aggregate(Receivable.Fields.Amount, "sum", Amount),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            Condition(Receivable.Fields.AccountId, "eq", accountId),
            Condition(Receivable.Fields.SettledOn, "not-null"),
            Condition(Receivable.Fields.SettledOn, "on-or-before", today),
            Condition(Receivable.Fields.InvoiceDate, "gt", today.AddMonths(-CreditEngine.History.PaymentWindowSet.MonthsOfPaymentEvidence)),
            // The same receivables as the Risk score's payment evidence (HistoryAggregates), so a page reads them once for
            // both (session 17); an invoice dated after the day is not evidence yet.
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", today)));

    private static DateTime DueOf(Entity receivable) => (receivable.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate) ?? DateTime.MinValue).Date;

    private static DateTime DateOf(Entity row, string year, string month, string day) =>
        new(row.Aliased<int?>(year) ?? 1, row.Aliased<int?>(month) ?? 1, row.Aliased<int?>(day) ?? 1, 0, 0, 0, DateTimeKind.Utc);

    private static void SetIfChanged(Entity update, Entity current, string column, object? value)
    {
        var before = current.Contains(column) ? current[column] : null;
        var same = before is null ? value is null : value is not null && Same(before, value);
        if (!same)
        {
            update[column] = value;
        }
    }

    private static bool Same(object before, object value) => before switch
    {
        OptionSetValue a => value is OptionSetValue b && a.Value == b.Value,
        EntityReference a => value is EntityReference b && a.Id == b.Id,
        DateTime a => value is DateTime b && a.Date == b.Date,
        decimal a => value is decimal b && a == b,
        string a => value is string b && string.Equals(a, b, StringComparison.Ordinal),
        _ => false,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, length);
}

/// <summary>A page's worklist inputs by account: the payment behaviour of the settled receivables and the open receivables.</summary>
public sealed record PageRows(Dictionary<Guid, PaymentBehaviour> Settled, Dictionary<Guid, List<Entity>> Open);
