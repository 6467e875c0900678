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
public static class HistoryAggregates
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
    private const string Count = "count";
    private const string First = "first";
    private const string State = "state";
    private const string CreditStatusAlias = "creditstatus";
    private const string Status = "status";
    private const int BureauReportsNeeded = 2;

    public static HistoryReading Read(IOrganizationService service, Guid accountId, HistoryContext context)
    {
        var asOf = context.AsOf.Date;
        var windows = new PaymentWindowSet(asOf);
        var revenue = new decimal[HistorySummary.RevenueMonths];
        var aging = AgingBalance.Empty;
        var oldestOverdue = 0;
        var openDisputed = 0m;
        var openItems = new List<OpenItem>();

        foreach (var row in Run(service, SettledReceivables(accountId, asOf)))
        {
            var invoiced = DateOf(row, InvoiceYear, InvoiceMonth, InvoiceDay);
            var amount = row.AliasedAmount(Amount);
            var count = row.Aliased<int?>(Count) ?? 0;
            AddRevenue(revenue, invoiced, amount, asOf);
            // Signed days relative to due (early negative) from the grouped settlement and due days: exact per group,
            // whether or not whoever settled the row also wrote its days-late column.
            var due = DateOf(row, DueYear, DueMonth, DueDay);
            var daysVsDue = (DateOf(row, SettledYear, SettledMonth, SettledDay) - due).Days;
            windows.Add(invoiced, count, amount, daysVsDue, settled: true, row.Aliased<bool?>(Disputed) == true, (due - invoiced).Days);
        }

        foreach (var row in Run(service, OpenReceivables(accountId, asOf)))
        {
            var invoiced = DateOf(row, InvoiceYear, InvoiceMonth, InvoiceDay);
            var due = DateOf(row, DueYear, DueMonth, DueDay);
            var amount = row.AliasedAmount(Amount);
            var open = row.AliasedAmount(Open);
            var disputed = row.Aliased<bool?>(Disputed) == true;
            var daysPastDue = (asOf - due).Days;
            AddRevenue(revenue, invoiced, amount, asOf);
            aging = aging.AddItem(open, daysPastDue);
            oldestOverdue = Math.Max(oldestOverdue, daysPastDue);
            openDisputed += disputed ? open : 0m;
            openItems.Add(new OpenItem(daysPastDue, open));
            windows.Add(invoiced, row.Aliased<int?>(Count) ?? 0, amount, daysPastDue, settled: false, disputed, (due - invoiced).Days);
        }

        var invoices = Run(service, InvoiceTotals(accountId, asOf)).FirstOrDefault();
        var firstInvoice = invoices?.Aliased<DateTime?>(First);
        var invoiceCount = invoices?.Aliased<int?>(Count) ?? 0;
        var orders = ReadOrders(service, accountId);
        var reports = ReadBureauReports(service, accountId, asOf);

        var summary = new HistorySummary
        {
            CustomerId = accountId.ToString("D"),
            Currency = context.Currency,
            AsOf = asOf,
            Segment = context.Segment,
            Last3Months = windows.Last3.ToStats(),
            Last6Months = windows.Last6.ToStats(),
            Last12Months = windows.Last12.ToStats(),
            Prior12Months = windows.Prior12.ToStats(),
            Earlier = windows.Earlier.ToStats(),
            Aging = aging,
            OldestOverdueDays = oldestOverdue,
            OpenDisputedAmount = openDisputed,
            Promises = ReadPromises(service, accountId, asOf),
            MonthlyRevenue = revenue,

            // ERP invoices stand for completed orders that were never entered in Dataverse.
            CompletedOrderCount = Math.Max(orders.Completed, invoiceCount),
            FirstActivityDate = Earliest(firstInvoice?.Date, orders.FirstOrder?.Date),
            OpenOrdersNotInvoiced = orders.OpenAmount,
            LatestBureauReport = reports.Count > 0 ? reports[0] : null,
            PreviousBureauReport = reports.Count > 1 ? reports[1] : null,
            Flags = context.Flags,
        };
        return new HistoryReading(summary, openItems, orders.OpenCount);
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
    public static OrderTotals ReadOrders(IOrganizationService service, Guid accountId)
    {
        var fetch = AggregateFetch(
            SalesOrder.EntityLogicalName,
            GroupBy(SalesOrder.Fields.StateCode, State),
            GroupBy(SalesOrder.Fields.CreditStatus, CreditStatusAlias),
            Aggregate(SalesOrder.Fields.SalesorderId, Count, Count),
            Aggregate(SalesOrder.Fields.TotalAmount, "sum", Amount),
            Aggregate(SalesOrder.Fields.CreatedOn, "min", First),
            Filter(Condition(SalesOrder.Fields.CustomerId, "eq", accountId)));
        var totals = new OrderTotals();
        foreach (var row in Run(service, fetch))
        {
            var state = row.Aliased<OptionSetValue>(State)?.Value;
            var count = row.Aliased<int?>(Count) ?? 0;
            if (state is (int)SalesOrderState.Fulfilled or (int)SalesOrderState.Invoiced)
            {
                totals.Completed += count;
            }
            else if (state is (int)SalesOrderState.Active or (int)SalesOrderState.Submitted
                && row.Aliased<OptionSetValue>(CreditStatusAlias)?.Value != (int)SalesOrderCreditStatus.Refused)
            {
                totals.OpenAmount += row.AliasedAmount(Amount);
                totals.OpenCount += count;
            }

            totals.FirstOrder = Earliest(totals.FirstOrder, row.Aliased<DateTime?>(First));
        }

        return totals;
    }

    private static EnginePromiseCounts ReadPromises(IOrganizationService service, Guid accountId, DateTime asOf)
    {
        var fetch = AggregateFetch(
            PromiseToPay.EntityLogicalName,
            GroupBy(PromiseToPay.Fields.PromiseStatus, Status),
            Aggregate(PromiseToPay.Fields.PromiseToPayId, Count, Count),
            Filter(
                Condition(PromiseToPay.Fields.AccountId, "eq", accountId),
                Condition(PromiseToPay.Fields.PromisedOn, "on-or-before", asOf),
                AnyOf(
                    Condition(PromiseToPay.Fields.PromiseStatus, "eq", (int)PromiseToPayStatus.Open),
                    Condition(PromiseToPay.Fields.PromisedFor, "gt", asOf.AddMonths(-12)))));
        int kept = 0, broken = 0, open = 0;
        foreach (var row in Run(service, fetch))
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

    private static XElement SettledReceivables(Guid accountId, DateTime asOf) => AggregateFetch(
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
        Aggregate(Receivable.Fields.Amount, "sum", Amount),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            Condition(Receivable.Fields.AccountId, "eq", accountId),
            Condition(Receivable.Fields.SettledOn, "not-null"),
            Condition(Receivable.Fields.SettledOn, "on-or-before", asOf),
            Condition(Receivable.Fields.InvoiceDate, "gt", asOf.AddMonths(-PaymentWindowSet.MonthsOfPaymentEvidence)),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static XElement OpenReceivables(Guid accountId, DateTime asOf) => AggregateFetch(
        Receivable.EntityLogicalName,
        GroupByDate(Receivable.Fields.InvoiceDate, Year, InvoiceYear),
        GroupByDate(Receivable.Fields.InvoiceDate, Month, InvoiceMonth),
        GroupByDate(Receivable.Fields.InvoiceDate, Day, InvoiceDay),
        GroupByDate(Receivable.Fields.DueDate, Year, DueYear),
        GroupByDate(Receivable.Fields.DueDate, Month, DueMonth),
        GroupByDate(Receivable.Fields.DueDate, Day, DueDay),
        GroupBy(Receivable.Fields.IsDisputed, Disputed),
        Aggregate(Receivable.Fields.Amount, "sum", Amount),
        Aggregate(Receivable.Fields.OpenAmount, "sum", Open),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            Condition(Receivable.Fields.AccountId, "eq", accountId),
            Condition(Receivable.Fields.OpenAmount, "gt", 0),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static XElement InvoiceTotals(Guid accountId, DateTime asOf) => AggregateFetch(
        Receivable.EntityLogicalName,
        Aggregate(Receivable.Fields.InvoiceDate, "min", First),
        Aggregate(Receivable.Fields.ReceivableId, Count, Count),
        Filter(
            Condition(Receivable.Fields.AccountId, "eq", accountId),
            Condition(Receivable.Fields.InvoiceDate, "on-or-before", asOf)));

    private static DataCollection<Entity> Run(IOrganizationService service, XElement fetch) =>
        service.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting))).Entities;

    private static DateTime DateOf(Entity row, string year, string month, string day) =>
        new(row.Aliased<int?>(year) ?? 1, row.Aliased<int?>(month) ?? 1, row.Aliased<int?>(day) ?? 1, 0, 0, 0, DateTimeKind.Utc);

    private static void AddRevenue(decimal[] revenue, DateTime invoiced, decimal amount, DateTime asOf)
    {
        var monthsBack = CalendarMonths.CompleteMonthsBack(invoiced, asOf);
        if (monthsBack >= 0 && monthsBack < revenue.Length)
        {
            revenue[monthsBack] += amount;
        }
    }

    private static DateTime? Earliest(DateTime? first, DateTime? second) =>
        first is null ? second : second is null ? first : first < second ? first : second;

    /// <summary>Completed orders, the open-orders total and the first order date from the orders aggregate.</summary>
    public sealed class OrderTotals
    {
        public int Completed { get; set; }

        public decimal OpenAmount { get; set; }

        /// <summary>Active and submitted orders (those on credit hold among them).</summary>
        public int OpenCount { get; set; }

        public DateTime? FirstOrder { get; set; }
    }
}
