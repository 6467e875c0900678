using System.ServiceModel;
using System.Xml.Linq;
using CreditOS.CreditEngine.History;
using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static CreditOS.Dataverse.Framework.FetchXml;
using BureauTable = CreditOS.Dataverse.Model.BureauReport;
using EngineBureauReport = CreditOS.CreditEngine.History.BureauReport;
using EnginePromiseCounts = CreditOS.CreditEngine.History.PromiseCounts;
using PromiseToPay = CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Fills a <see cref="HistorySummary"/> from six queries whatever the size of the customer's history: FetchXML
/// aggregates over receivables (settled items by invoice, due and settlement day and dispute, over the last
/// <see cref="PaymentWindowSet.MonthsOfPaymentEvidence"/> months; open items by invoice and due day; first invoice and
/// count), orders by state, promises by status, and the two latest bureau reports. Rows are grouped by day so the
/// windows match the engine's to the day and the signed days relative to due (early negative) are exact per group;
/// each aggregate stays far below Dataverse's 50,000-row limit for one customer. Open items are aged from their due
/// date as of the evaluation date. HistoryAggregatesAgreementTests prove the summary equals the engine's own.
/// </summary>
public static partial class HistoryAggregates
{
    /// <summary>Organization-service calls <see cref="Read"/> makes.</summary>
    public const int Calls = 6;

    private const string Year = "year";
    private const string Month = "month";
    private const string Day = "day";
    private const string InvoiceYear = "iy";
    private const string InvoiceMonth = "im";
    private const string InvoiceDay = "id";
    private const string DueYear = "dy";
    private const string DueMonth = "dm";
    private const string DueDay = "dd";
    private const string SettledYear = "sy";
    private const string SettledMonth = "sm";
    private const string SettledDay = "sd";
    private const string Disputed = "disputed";
    private const string Amount = "amount";
    private const string Open = "open";
    private const string AmountBase = "amountbase";
    private const string OpenBase = "openbase";
    private const string CurrencyAlias = "currency";
    private const string LargestBase = "largestbase";
    private const string Count = "count";
    private const string First = "first";
    private const string State = "state";
    private const string CreditStatusAlias = "creditstatus";
    private const string EnteredForAlias = "enteredfor";
    private const string Status = "status";
    private const string Largest = "largest";
    private const string ReceivableAlias = "receivable";
    private const int BureauReportsNeeded = 2;
    private const int ResultPageSize = 5000;

    public static HistoryReading Read(IOrganizationService service, Guid accountId, HistoryContext context) =>
        ReadFigures(service, accountId, context, out var orders).ToReading(accountId, context, orders);

    /// <summary>
    /// The same six queries as <see cref="Read"/>, with the open receivables one by one (grouped by receivable as well),
    /// as the history figures a payment the same day keeps current; the orders are returned beside them.
    /// </summary>
    public static HistoryFigures ReadFigures(IOrganizationService service, Guid accountId, HistoryContext context, out OrderTotals orders)
    {
        var asOf = context.AsOf.Date;
        var scope = HistoryScope.One(accountId);
        var figures = FiguresOf(
            context,
            Run(service, SettledReceivables(scope, asOf)),
            Run(service, OpenReceivables(scope, asOf, byReceivable: true)),
            Run(service, InvoiceTotals(scope, asOf)),
            ReadPromises(service, accountId, asOf),
            ReadBureauReports(service, accountId, asOf));
        orders = ReadOrders(service, accountId);
        return figures;
    }

    /// <summary>
    /// The history of a page of accounts in <see cref="PageCalls"/> queries plus one per further 5,000 rows: the page's
    /// receivables as rows grouped in memory into the rows <see cref="Read"/>'s three receivable aggregates return
    /// (<see cref="ReadLedger"/>, session 20), the orders and promises aggregates grouped by customer as well, and every
    /// bureau report of the page: each account's summary is assembled by the same code as for one account, so both paths
    /// agree to the figure. Only the orders and promises aggregates still count against Dataverse's 50,000-row limit
    /// (<see cref="IsAggregateLimit"/>); the receivables, the bulk of a customer's history, no longer do.
    /// </summary>
    /// <param name="settledRows">When given, receives each account's settled-receivables aggregate rows (grouped by invoice,
    /// due and settlement day and dispute), so the page's collections work sums its payment behaviour from them instead of
    /// reading the same receivables again (<c>CollectionsRefresh.ReadPage</c>).</param>
    /// <param name="linkedPromises">Session 33: each account's promise counts when the caller read them with its accounts
    /// (<see cref="LinkPromises"/>, <see cref="TakeLinkedPromises"/>); null: read here, one aggregate query.</param>
    public static IReadOnlyDictionary<Guid, HistoryReading> ReadPage(IOrganizationService service, IReadOnlyDictionary<Guid, HistoryContext> contexts, DateTime asOfMoment, Dictionary<Guid, List<Entity>>? settledRows = null, IReadOnlyDictionary<Guid, EnginePromiseCounts>? linkedPromises = null)
    {
        var asOf = asOfMoment.Date;
        var ids = contexts.Keys.ToList();
        var readings = new Dictionary<Guid, HistoryReading>();
        if (ids.Count == 0)
        {
            return readings;
        }

        var scope = HistoryScope.Page(ids);
        var ledger = ReadLedger(service, ids, asOf);
        var settled = ledger.Settled;
        if (settledRows is not null)
        {
            foreach (var pair in settled)
            {
                settledRows[pair.Key] = pair.Value;
            }
        }

        var open = ledger.Open;
        var orders = ByAccount(RunAllPages(service, OrdersFetch(scope)));
        var promises = linkedPromises is null ? ByAccount(RunAllPages(service, PromisesFetch(scope, asOf))) : null;
        var reports = ReadBureauReportsOfPage(service, ids, asOf);
        foreach (var pair in contexts)
        {
            var id = pair.Key;
            readings[id] = FiguresOf(
                pair.Value,
                RowsOf(settled, id),
                RowsOf(open, id),
                RowsOf(ledger.Totals, id),
                promises is null ? (linkedPromises!.TryGetValue(id, out var linked) ? linked : new EnginePromiseCounts(0, 0, 0)) : PromiseCountsOf(RowsOf(promises, id)),
                reports.TryGetValue(id, out var own) ? own : []).ToReading(id, pair.Value, OrderTotalsOf(RowsOf(orders, id), id));
        }

        return readings;
    }

    /// <summary>
    /// Queries <see cref="ReadPage"/> makes at least (one page of results each) when given the promises read with the page's accounts
    /// (session 33): the page's receivables as rows (<see cref="ReadLedger"/>, one call per 5,000), orders and bureau reports.
    /// Without them, <see cref="PromiseReadCalls"/> more.
    /// </summary>
    public const int PageCalls = 3;

    /// <summary>The promises aggregate <see cref="ReadPage"/> reads when it is not given the promises (one page of results).</summary>
    public const int PromiseReadCalls = 1;

    /// <summary>Whether a fault is Dataverse's refusal of an aggregate over more than 50,000 rows (0x8004E023).</summary>
    public static bool IsAggregateLimit(FaultException<OrganizationServiceFault> fault) => fault?.Detail?.ErrorCode == AggregateQueryRecordLimit;

    /// <summary>Dataverse's AggregateQueryRecordLimit error code.</summary>
    public const int AggregateQueryRecordLimit = -2147164125;

    /// <summary>
    /// The history figures of one account from its aggregate rows (the running figures a payment the same day keeps
    /// current, <see cref="HistoryFigures"/>); <see cref="HistoryFigures.ToReading"/> summarizes them.
    /// </summary>
    private static HistoryFigures FiguresOf(
        HistoryContext context,
        IEnumerable<Entity> settledRows,
        IEnumerable<Entity> openRows,
        IEnumerable<Entity> invoices,
        EnginePromiseCounts promises,
        IReadOnlyList<EngineBureauReport> reports)
    {
        var figures = new HistoryFigures(context.AsOf.Date);
        foreach (var row in settledRows)
        {
            figures.AddSettled(
                DateOf(row, InvoiceYear, InvoiceMonth, InvoiceDay),
                DateOf(row, DueYear, DueMonth, DueDay),
                DateOf(row, SettledYear, SettledMonth, SettledDay),
                row.Aliased<bool?>(Disputed) == true,
                InAccountCurrency(context, row, Amount, AmountBase, "Settled invoices"),
                row.Aliased<int?>(Count) ?? 0);
        }

        foreach (var row in openRows)
        {
            var receivable = row.Aliased<Guid?>(ReceivableAlias) ?? row.Aliased<EntityReference>(ReceivableAlias)?.Id ?? Guid.Empty;
            figures.Open.Add(new OpenReceivableFigure(
                // A receivable in another currency is held converted, so a payment in its own currency cannot move the held
                // figure: it is held without its id, and a payment settling it takes the full path (HistoryFigures.Settle).
                IsInAccountCurrency(context, row) ? receivable : Guid.Empty,
                DateOf(row, InvoiceYear, InvoiceMonth, InvoiceDay),
                DateOf(row, DueYear, DueMonth, DueDay),
                row.Aliased<bool?>(Disputed) == true,
                InAccountCurrency(context, row, Amount, AmountBase, "Open invoices"),
                InAccountCurrency(context, row, Open, OpenBase, "Open amounts")) { Count = row.Aliased<int?>(Count) ?? 0 });
        }

        foreach (var row in invoices)
        {
            // One row per currency the customer is invoiced in: the earliest, the count and the largest over them all.
            var first = row.Aliased<DateTime?>(First);
            figures.FirstInvoice = figures.FirstInvoice is { } earlier && (first is null || earlier <= first) ? earlier : first;
            figures.InvoiceCount += row.Aliased<int?>(Count) ?? 0;
            if ((row.Aliased<Money>(Largest)?.Value ?? row.Aliased<decimal?>(Largest)) is not null)
            {
                var largest = InAccountCurrency(context, row, Largest, LargestBase, "The largest invoice");
                figures.LargestInvoice = figures.LargestInvoice is { } known && known >= largest ? known : largest;
            }
        }

        figures.Promises = promises;
        figures.BureauReports.AddRange(reports);
        return figures;
    }

    /// <summary>Whether an aggregate row's receivables are in the account's currency (a row without a currency is, as the engine reads it).</summary>
    private static bool IsInAccountCurrency(HistoryContext context, Entity row) =>
        row.Aliased<EntityReference>(CurrencyAlias)?.Id is not { } currency || currency == context.CurrencyId;

    /// <summary>
    /// An aggregate row's sum in the account's currency (the engine's <see cref="CreditOS.CreditEngine.AccountCurrencyAmounts"/>):
    /// as summed when its receivables are in the account's currency, else from their base values at the account currency's rate.
    /// </summary>
    private static decimal InAccountCurrency(HistoryContext context, Entity row, string amountAlias, string baseAlias, string what)
    {
        var amount = row.AliasedAmount(amountAlias);
        if (IsInAccountCurrency(context, row) || !row.Contains(amountAlias))
        {
            // A sum over no value (receivables without the amount) is left out of the row and read as zero in any currency.
            return amount;
        }

        if (context.Amounts is not { } amounts)
        {
            throw new InvalidPluginExecutionException(
                what + " of " + CreditOS.CreditEngine.MoneyText.Amount(amount) + " are in another currency than the account's " + context.Currency
                + " (the account's currency row or its exchange rate was not read), so they cannot be counted in " + context.Currency + ".");
        }

        return amounts.InAccountCurrency(amount, row.Aliased<Money>(baseAlias)?.Value ?? row.Aliased<decimal?>(baseAlias), inAccountCurrency: false, what);
    }

    /// <summary>The two latest bureau reports on or before the date, newest first (one query).</summary>
    public static IReadOnlyList<EngineBureauReport> ReadBureauReports(IOrganizationService service, Guid accountId, DateTime asOf)
    {
        var query = new QueryExpression(BureauTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                BureauTable.Fields.ReportDate, BureauTable.Fields.SolvencyScore, BureauTable.Fields.Rating, BureauTable.Fields.RecommendedCredit,
                BureauTable.Fields.DbtScore, BureauTable.Fields.HasJudgment, BureauTable.Fields.HasLien, BureauTable.Fields.JudgmentCount, BureauTable.Fields.PrivilegeCount),
            TopCount = BureauReportsNeeded,
        };
        query.Criteria.AddCondition(BureauTable.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(BureauTable.Fields.ReportDate, ConditionOperator.OnOrBefore, asOf.Date);
        query.AddOrder(BureauTable.Fields.ReportDate, OrderType.Descending);
        // Several reports on one day (the daily pull and a pushed report): the one stored last is the latest.
        query.AddOrder(BureauTable.Fields.CreatedOn, OrderType.Descending);
        return service.RetrieveMultiple(query).Entities.Select(BureauReportMapping.ToEngine).ToList();
    }

    /// <summary>
    /// Completed orders, the open-orders total and the first order date (one aggregate by state and credit status). An
    /// order the credit check refused stays active as the trace of the refusal but draws on no credit: it is not open.
    /// </summary>
    public static OrderTotals ReadOrders(IOrganizationService service, Guid accountId) =>
        OrderTotalsOf(service.RetrieveMultiple(new FetchExpression(OneAccountOrdersText(accountId))).Entities, accountId);

    /// <summary>
    /// The one-account orders aggregate's text: the same query <see cref="OrdersFetch"/> writes, made once around the account
    /// id, the only part that differs between payments (the payment posting sends it on every payment).
    /// </summary>
    internal static string OneAccountOrdersText(Guid accountId) =>
        OneAccountOrdersParts[0] + accountId.ToString("D") + OneAccountOrdersParts[1];

    private static readonly Guid TextMarker = new("c05c05c0-5c05-4c05-8c05-c05c05c05c05");

    private static readonly string[] OneAccountOrdersParts = SplitAround(FetchXml.Text(OrdersFetch(HistoryScope.One(TextMarker))), TextMarker.ToString("D"));

    private static string[] SplitAround(string text, string marker)
    {
        var parts = text.Split(new[] { marker }, StringSplitOptions.None);
        return parts.Length == 2 ? parts : throw new InvalidOperationException("The orders aggregate must name its account exactly once.");
    }

    private static XElement OrdersFetch(HistoryScope scope) => AggregateFetch(
        SalesOrder.EntityLogicalName,
        GroupBy(SalesOrder.Fields.StateCode, State),
        GroupBy(SalesOrder.Fields.CreditStatus, CreditStatusAlias),
        scope.GroupBy(SalesOrder.Fields.CustomerId),
        GroupBy(SalesOrder.Fields.EnteredFor, EnteredForAlias),
        Aggregate(SalesOrder.Fields.SalesorderId, Count, Count),
        Aggregate(SalesOrder.Fields.TotalAmount, "sum", Amount),
        Aggregate(SalesOrder.Fields.CreatedOn, "min", First),
        Filter(scope.Condition(SalesOrder.Fields.CustomerId)));

    /// <summary>
    /// The account's order totals. An order moved to the account from another customer (entered for someone else,
    /// <c>cos_enteredfor</c>) still draws on its credit while open, but is not its history: it neither starts the months
    /// of history nor counts as a completed order, which would end starter terms on business the customer never did
    /// (controls round 11). Orders entered before the column existed carry none and count as before.
    /// </summary>
    private static OrderTotals OrderTotalsOf(IEnumerable<Entity> rows, Guid accountId)
    {
        var totals = new OrderTotals();
        foreach (var row in rows)
        {
            var state = row.Aliased<OptionSetValue>(State)?.Value;
            var count = row.Aliased<int?>(Count) ?? 0;
            var creditStatus = row.Aliased<OptionSetValue>(CreditStatusAlias)?.Value;
            var movedIn = row.Aliased<EntityReference>(EnteredForAlias) is { } enteredFor && enteredFor.Id != accountId;
            if (state is (int)SalesOrderState.Fulfilled or (int)SalesOrderState.Invoiced)
            {
                totals.Completed += movedIn ? 0 : count;
            }
            else if (state is (int)SalesOrderState.Active or (int)SalesOrderState.Submitted
                && creditStatus != (int)SalesOrderCreditStatus.Refused)
            {
                totals.OpenAmount += row.AliasedAmount(Amount);
                totals.OpenCount += count;
                totals.HeldCount += creditStatus == (int)SalesOrderCreditStatus.OnHold ? count : 0;
            }

            if (!movedIn)
            {
                totals.FirstOrder = Earliest(totals.FirstOrder, row.Aliased<DateTime?>(First));
            }
        }

        return totals;
    }

    private static EnginePromiseCounts ReadPromises(IOrganizationService service, Guid accountId, DateTime asOf) =>
        PromiseCountsOf(Run(service, PromisesFetch(HistoryScope.One(accountId), asOf)));

    private static XElement PromisesFetch(HistoryScope scope, DateTime asOf) => AggregateFetch(
        PromiseToPay.EntityLogicalName,
        GroupBy(PromiseToPay.Fields.PromiseStatus, Status),
        scope.GroupBy(PromiseToPay.Fields.AccountId),
        Aggregate(PromiseToPay.Fields.PromiseToPayId, Count, Count),
        Filter(
            scope.Condition(PromiseToPay.Fields.AccountId),
            Condition(PromiseToPay.Fields.PromisedOn, "on-or-before", asOf),
            AnyOf(
                Condition(PromiseToPay.Fields.PromiseStatus, "eq", (int)PromiseToPayStatus.Open),
                Condition(PromiseToPay.Fields.PromisedFor, "gt", asOf.AddMonths(-12)))));

    private static EnginePromiseCounts PromiseCountsOf(IEnumerable<Entity> rows)
    {
        int kept = 0, broken = 0, open = 0;
        foreach (var row in rows)
        {
            var count = row.Aliased<int?>(Count) ?? 0;
            switch (row.Aliased<OptionSetValue>(Status)?.Value)
            {
                case (int)PromiseToPayStatus.Kept: kept += count; break;
                case (int)PromiseToPayStatus.Broken: broken += count; break;
                default: open += count; break;
            }
        }

        return new EnginePromiseCounts(kept, broken, open);
    }

    /// <summary>
    /// Every bureau report of the page's accounts on or before the date (paged by the primary key), the two latest of
    /// each kept newest first, ties in the order a single account's query returns them.
    /// </summary>
    private static Dictionary<Guid, IReadOnlyList<EngineBureauReport>> ReadBureauReportsOfPage(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime asOf)
    {
        var query = new QueryExpression(BureauTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                BureauTable.Fields.AccountId, BureauTable.Fields.ReportDate, BureauTable.Fields.SolvencyScore, BureauTable.Fields.Rating, BureauTable.Fields.RecommendedCredit,
                BureauTable.Fields.DbtScore, BureauTable.Fields.HasJudgment, BureauTable.Fields.HasLien),
            PageInfo = new PagingInfo { Count = ResultPageSize, PageNumber = 1 },
        };
        query.Criteria.AddCondition(BureauTable.Fields.AccountId, ConditionOperator.In, accountIds.Cast<object>().ToArray());
        query.Criteria.AddCondition(BureauTable.Fields.ReportDate, ConditionOperator.OnOrBefore, asOf.Date);
        query.AddOrder(BureauTable.Fields.ReportDate, OrderType.Descending);
        var rows = new List<Entity>();
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            rows.AddRange(page.Entities);
            if (!page.MoreRecords)
            {
                break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        return rows
            .GroupBy(row => row.GetAttributeValue<EntityReference>(BureauTable.Fields.AccountId).Id)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<EngineBureauReport>)group.Take(BureauReportsNeeded).Select(BureauReportMapping.ToEngine).ToList());
    }

    /// <summary>
    /// The settled receivables behind the payment evidence: settled on or before the day, invoiced in the evidence window
    /// and not after the day. The collections worklist's payment behaviour counts the same receivables
    /// (<c>CollectionsRefresh</c>), so the page reads them once for both.
    /// </summary>
    private static XElement SettledReceivables(HistoryScope scope, DateTime asOf) => AggregateFetch(
        Receivable.EntityLogicalName,
        GroupByDate(Receivable.Fields.InvoiceDate, Year, InvoiceYear),
        GroupByDate(Receivable.Fields.InvoiceDate, Month, InvoiceMonth),
        GroupByDate(Receivable.Fields.InvoiceDate, Day, InvoiceDay),
        GroupByDate(Receivable.Fields.DueDate, Year, DueYear),
        GroupByDate(Receivable.Fields.DueDate, Month, DueMonth),
        GroupByDate(Receivable.Fields.DueDate, Day, DueDay),
        GroupByDate(Receivable.Fields.SettledOn, Year, SettledYear),
        GroupByDate(Receivable.Fields.SettledOn, Month, SettledMonth),
        GroupByDate(Receivable.Fields.SettledOn, Day, SettledDay),
        GroupBy(Receivable.Fields.IsDisputed, Disputed),
        scope.GroupBy(Receivable.Fields.AccountId),
        GroupBy(Receivable.Fields.TransactionCurrencyId, CurrencyAlias),
        Aggregate(Receivable.Fields.Amount, "sum", Amount),
        Aggregate(Receivable.Fields.AmountBase, "sum", AmountBase),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            scope.Condition(Receivable.Fields.AccountId),
            Condition(Receivable.Fields.SettledOn, "not-null"),
            Condition(Receivable.Fields.SettledOn, "on-or-before", asOf),
            Condition(Receivable.Fields.InvoiceDate, "gt", asOf.AddMonths(-PaymentWindowSet.MonthsOfPaymentEvidence)),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static XElement OpenReceivables(HistoryScope scope, DateTime asOf, bool byReceivable) => AggregateFetch(
        Receivable.EntityLogicalName,
        GroupByDate(Receivable.Fields.InvoiceDate, Year, InvoiceYear),
        GroupByDate(Receivable.Fields.InvoiceDate, Month, InvoiceMonth),
        GroupByDate(Receivable.Fields.InvoiceDate, Day, InvoiceDay),
        GroupByDate(Receivable.Fields.DueDate, Year, DueYear),
        GroupByDate(Receivable.Fields.DueDate, Month, DueMonth),
        GroupByDate(Receivable.Fields.DueDate, Day, DueDay),
        GroupBy(Receivable.Fields.IsDisputed, Disputed),
        scope.GroupBy(Receivable.Fields.AccountId),
        byReceivable ? GroupBy(Receivable.Fields.ReceivableId, ReceivableAlias) : (object)Array.Empty<XElement>(),
        GroupBy(Receivable.Fields.TransactionCurrencyId, CurrencyAlias),
        Aggregate(Receivable.Fields.Amount, "sum", Amount),
        Aggregate(Receivable.Fields.AmountBase, "sum", AmountBase),
        Aggregate(Receivable.Fields.OpenAmount, "sum", Open),
        Aggregate(Receivable.Fields.OpenAmountBase, "sum", OpenBase),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            scope.Condition(Receivable.Fields.AccountId),
            Condition(Receivable.Fields.OpenAmount, "gt", 0),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static XElement InvoiceTotals(HistoryScope scope, DateTime asOf) => AggregateFetch(
        Receivable.EntityLogicalName,
        scope.GroupBy(Receivable.Fields.AccountId),
        GroupBy(Receivable.Fields.TransactionCurrencyId, CurrencyAlias),
        Aggregate(Receivable.Fields.InvoiceDate, "min", First),
        Aggregate(Receivable.Fields.Amount, "max", Largest),
        Aggregate(Receivable.Fields.AmountBase, "max", LargestBase),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            scope.Condition(Receivable.Fields.AccountId),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static DataCollection<Entity> Run(IOrganizationService service, XElement fetch) =>
        service.RetrieveMultiple(new FetchExpression(FetchXml.Text(fetch))).Entities;

    /// <summary>Every result row of an aggregate, page by page (aggregate results are paged by number, 5,000 at most).</summary>
    private static List<Entity> RunAllPages(IOrganizationService service, XElement fetch)
    {
        var rows = new List<Entity>();
        for (var page = 1; ; page++)
        {
            fetch.SetAttributeValue("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
            fetch.SetAttributeValue("count", ResultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = service.RetrieveMultiple(new FetchExpression(FetchXml.Text(fetch)));
            rows.AddRange(result.Entities);
            if (!result.MoreRecords)
            {
                return rows;
            }
        }
    }

    private static Dictionary<Guid, List<Entity>> ByAccount(List<Entity> rows)
    {
        var byAccount = new Dictionary<Guid, List<Entity>>();
        foreach (var row in rows)
        {
            var account = row.Aliased<EntityReference>(HistoryScope.AccountAlias)?.Id
                ?? throw new InvalidPluginExecutionException("A history aggregate row of the page names no account; the page's aggregates must group by customer.");
            if (!byAccount.TryGetValue(account, out var own))
            {
                byAccount[account] = own = [];
            }

            own.Add(row);
        }

        return byAccount;
    }

    private static IEnumerable<Entity> RowsOf(Dictionary<Guid, List<Entity>> rows, Guid accountId) =>
        rows.TryGetValue(accountId, out var own) ? own : Enumerable.Empty<Entity>();

    private static DateTime DateOf(Entity row, string year, string month, string day) =>
        new(row.Aliased<int?>(year) ?? 1, row.Aliased<int?>(month) ?? 1, row.Aliased<int?>(day) ?? 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime? Earliest(DateTime? first, DateTime? second) =>
        first is null ? second : second is null ? first : first < second ? first : second;

    /// <summary>Completed orders, the open-orders total and the first order date from the orders aggregate.</summary>
    public sealed class OrderTotals
    {
        public int Completed { get; set; }

        public decimal OpenAmount { get; set; }

        /// <summary>Active and submitted orders (those on credit hold among them).</summary>
        public int OpenCount { get; set; }

        /// <summary>Open orders on credit hold (a rescoring may cure them).</summary>
        public int HeldCount { get; set; }

        public DateTime? FirstOrder { get; set; }
    }
}
