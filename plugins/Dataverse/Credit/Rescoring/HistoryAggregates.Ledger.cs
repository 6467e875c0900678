using CreditOS.CreditEngine.History;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// A page's receivables read as rows, not aggregates (session 20). The three receivable aggregates of one account
/// (settled, open, invoice totals) are all filtered to invoices dated on or before the day, so one query over the
/// page's receivables with that condition holds every row behind them; <see cref="LedgerOf"/> groups those rows in
/// memory by the same keys into rows of the same shape (aliases, types) as the aggregates return, and
/// <see cref="FiguresOf"/> (one home) turns them into the history figures for both paths. Why: a grouped aggregate
/// counts against Dataverse's 50,000-row AggregateQueryRecordLimit, which capped a page at 400 customers of 100
/// invoices; a plain query has no such limit (it is paged by 5,000 rows), so a page can take
/// <see cref="AccountPageRescoring.MaximumAccounts"/> and the fixed reads spread over more accounts. The settled
/// aggregate was grouped by invoice, due and settlement day, i.e. about one result row per invoice, so the rows read
/// are about as many as the aggregate's result rows were. HistoryLedgerAgreementTests prove the grouped rows equal the
/// aggregates' on generated books.
/// </summary>
public static partial class HistoryAggregates
{
    private static readonly string[] LedgerColumns =
    [
        Receivable.Fields.AccountId, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate, Receivable.Fields.SettledOn,
        Receivable.Fields.IsDisputed, Receivable.Fields.Amount, Receivable.Fields.OpenAmount,
        Receivable.Fields.TransactionCurrencyId, Receivable.Fields.AmountBase, Receivable.Fields.OpenAmountBase,
    ];

    /// <summary>
    /// The page's receivables dated on or before the day (one call per 5,000 rows, at least one), grouped in memory into
    /// each account's settled, open and invoice-total rows as <see cref="SettledReceivables"/>, <see cref="OpenReceivables"/>
    /// (by day, not by receivable) and <see cref="InvoiceTotals"/> return them.
    /// </summary>
    internal static PageLedger ReadLedger(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime asOf)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(LedgerColumns),
            PageInfo = new PagingInfo { Count = ResultPageSize, PageNumber = 1 },
        };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.In, accountIds.Cast<object>().ToArray());
        query.Criteria.AddCondition(Receivable.Fields.InvoiceDate, ConditionOperator.OnOrBefore, asOf.Date);
        query.AddOrder(Receivable.Fields.ReceivableId, OrderType.Ascending);
        var rows = new List<Entity>();
        var calls = 0;
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            calls++;
            rows.AddRange(page.Entities);
            if (!page.MoreRecords)
            {
                break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        return LedgerOf(rows, asOf, calls);
    }

    /// <summary>
    /// Receivable rows grouped as the aggregates group them: the same filters (settled on or before the day and invoiced
    /// after the evidence window's start; open amount above zero; every row for the totals), the same keys (day parts of
    /// the dates, the dispute flag, the customer) and the same aggregates (sum of amount and open amount, count of rows,
    /// earliest invoice date, largest amount). A null key is left out of the row as the aggregate leaves it out; a sum
    /// over no value is left out as well (the readers take a missing amount as zero).
    /// </summary>
    internal static PageLedger LedgerOf(IEnumerable<Entity> receivables, DateTime asOfMoment, int calls)
    {
        var asOf = asOfMoment.Date;
        var evidenceStart = asOf.AddMonths(-PaymentWindowSet.MonthsOfPaymentEvidence);
        var settled = new Dictionary<LedgerKey, Group>();
        var open = new Dictionary<LedgerKey, Group>();
        var totals = new Dictionary<LedgerKey, Group>();
        foreach (var row in receivables)
        {
            var account = row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId)?.Id
                ?? throw new InvalidPluginExecutionException("A receivable of the page's ledger read names no account; the read must carry it.");
            var invoiced = row.GetAttributeValue<DateTime?>(Receivable.Fields.InvoiceDate)?.Date;
            if (invoiced is not { } invoiceDay || invoiceDay > asOf)
            {
                continue;
            }

            var due = row.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate)?.Date;
            var settledOn = row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn)?.Date;
            var disputed = row.Contains(Receivable.Fields.IsDisputed) ? row.GetAttributeValue<bool?>(Receivable.Fields.IsDisputed) : null;
            var amount = Sums.Of(row, Receivable.Fields.Amount, Receivable.Fields.AmountBase);
            var openAmount = Sums.Of(row, Receivable.Fields.OpenAmount, Receivable.Fields.OpenAmountBase);
            var currency = row.GetAttributeValue<EntityReference>(Receivable.Fields.TransactionCurrencyId)?.Id;

            GroupOf(totals, new LedgerKey(account, null, null, null, null, currency)).Add(amount, null, row.GetAttributeValue<DateTime?>(Receivable.Fields.InvoiceDate));
            if (settledOn is { } day && day <= asOf && invoiceDay > evidenceStart)
            {
                GroupOf(settled, new LedgerKey(account, invoiceDay, due, day, disputed, currency)).Add(amount, null, null);
            }

            if (openAmount.Value > 0m)
            {
                GroupOf(open, new LedgerKey(account, invoiceDay, due, null, disputed, currency)).Add(amount, openAmount, null);
            }
        }

        return new PageLedger(
            ByAccountOf(settled, withSettlement: true),
            ByAccountOf(open, withSettlement: false),
            ByAccountOf(totals, (key, group) => TotalsRow(key, group)),
            calls);
    }

    private static Entity KeyedRow(LedgerKey key, Group group, bool withSettlement)
    {
        var row = new Entity(Receivable.EntityLogicalName);
        DayParts(row, key.Invoiced, InvoiceYear, InvoiceMonth, InvoiceDay);
        DayParts(row, key.Due, DueYear, DueMonth, DueDay);
        if (withSettlement)
        {
            DayParts(row, key.Settled, SettledYear, SettledMonth, SettledDay);
        }

        if (key.Disputed is { } disputed)
        {
            row[Disputed] = Aliased(Receivable.Fields.IsDisputed, disputed);
        }

        row[HistoryScope.AccountAlias] = Aliased(Receivable.Fields.AccountId, new EntityReference(Account.EntityLogicalName, key.Account));
        CurrencyOf(row, key);
        AmountOf(row, Amount, AmountBase, Receivable.Fields.Amount, Receivable.Fields.AmountBase, group.Amount);
        if (!withSettlement)
        {
            AmountOf(row, Open, OpenBase, Receivable.Fields.OpenAmount, Receivable.Fields.OpenAmountBase, group.Open);
        }

        row[Count] = Aliased(Receivable.Fields.ReceivableId, group.Count);
        return row;
    }

    private static Entity TotalsRow(LedgerKey key, Group group)
    {
        var row = new Entity(Receivable.EntityLogicalName);
        CurrencyOf(row, key);
        if (group.First is { } first)
        {
            row[First] = Aliased(Receivable.Fields.InvoiceDate, first);
        }

        AmountOf(row, Largest, LargestBase, Receivable.Fields.Amount, Receivable.Fields.AmountBase, group.Largest);
        row[Count] = Aliased(Receivable.Fields.ReceivableId, group.Count);
        return row;
    }

    private static void CurrencyOf(Entity row, LedgerKey key)
    {
        if (key.Currency is { } currency)
        {
            row[CurrencyAlias] = Aliased(Receivable.Fields.TransactionCurrencyId, new EntityReference(TransactionCurrency.EntityLogicalName, currency));
        }
    }

    /// <summary>A sum and its base-currency sum as the aggregate returns them; a sum over no value is left out.</summary>
    private static void AmountOf(Entity row, string alias, string baseAlias, string column, string baseColumn, Sums sums)
    {
        if (sums.Value is { } value)
        {
            row[alias] = Aliased(column, new Money(value));
        }

        if (sums.Base is { } inBase)
        {
            row[baseAlias] = Aliased(baseColumn, new Money(inBase));
        }
    }

    private static void DayParts(Entity row, DateTime? date, string year, string month, string day)
    {
        if (date is { } value)
        {
            row[year] = Aliased(Receivable.Fields.InvoiceDate, value.Year);
            row[month] = Aliased(Receivable.Fields.InvoiceDate, value.Month);
            row[day] = Aliased(Receivable.Fields.InvoiceDate, value.Day);
        }
    }

    private static AliasedValue Aliased(string column, object value) => new(Receivable.EntityLogicalName, column, value);

    private static Group GroupOf<TKey>(Dictionary<TKey, Group> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group();
        }

        return group;
    }

    /// <summary>Each group as an aggregate row (with the settlement day for the settled rows, the open sum for the open ones), by account.</summary>
    private static Dictionary<Guid, List<Entity>> ByAccountOf(Dictionary<LedgerKey, Group> groups, bool withSettlement) =>
        ByAccountOf(groups, (key, group) => KeyedRow(key, group, withSettlement));

    private static Dictionary<Guid, List<Entity>> ByAccountOf(Dictionary<LedgerKey, Group> groups, Func<LedgerKey, Group, Entity> rowOf)
    {
        var byAccount = new Dictionary<Guid, List<Entity>>();
        foreach (var pair in groups)
        {
            if (!byAccount.TryGetValue(pair.Key.Account, out var own))
            {
                byAccount[pair.Key.Account] = own = [];
            }

            own.Add(rowOf(pair.Key, pair.Value));
        }

        return byAccount;
    }

    /// <summary>An aggregate's grouping: the customer, the day of each date (null when the row has none), the dispute flag and the currency.</summary>
    private sealed record LedgerKey(Guid Account, DateTime? Invoiced, DateTime? Due, DateTime? Settled, bool? Disputed, Guid? Currency);

    /// <summary>A money column's value and its base-currency value (<c>x_base</c>), each null when absent.</summary>
    private readonly record struct Sums(decimal? Value, decimal? Base)
    {
        public static Sums Of(Entity row, string column, string baseColumn) =>
            new(row.GetAttributeValue<Money>(column)?.Value, row.GetAttributeValue<Money>(baseColumn)?.Value);

        public Sums Plus(Sums other) => new(Add(Value, other.Value), Add(Base, other.Base));

        private static decimal? Add(decimal? sum, decimal? value) => value is { } v ? (sum ?? 0m) + v : sum;
    }

    /// <summary>One group's aggregates: sums over the values present (null when none), row count, earliest date, largest amount (with its base value).</summary>
    private sealed class Group
    {
        public Sums Amount { get; private set; }

        public Sums Open { get; private set; }

        public int Count { get; private set; }

        public DateTime? First { get; private set; }

        public Sums Largest { get; private set; }

        public void Add(Sums amount, Sums? open, DateTime? invoiced)
        {
            Count++;
            Amount = Amount.Plus(amount);
            // The largest amount and the largest base value, each on its own as the aggregate's two max take them.
            Largest = new Sums(Max(Largest.Value, amount.Value), Max(Largest.Base, amount.Base));

            if (open is { } o)
            {
                Open = Open.Plus(o);
            }

            if (invoiced is { } i && (First is not { } f || i < f))
            {
                First = i;
            }
        }

        private static decimal? Max(decimal? largest, decimal? value) => largest is { } l && (value is not { } v || l >= v) ? l : value;
    }
}

/// <summary>A page's receivable rows grouped by account as the three receivable aggregates return them, and the calls the read made.</summary>
internal sealed record PageLedger(
    Dictionary<Guid, List<Entity>> Settled,
    Dictionary<Guid, List<Entity>> Open,
    Dictionary<Guid, List<Entity>> Totals,
    int Calls);
