using CreditOS.CreditEngine.Collections;
using CreditOS.CreditEngine.History;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PromiseTable = CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>An amount a payment applied to one receivable, and whether that settled it.</summary>
public sealed record AppliedToInvoice(string ErpId, decimal Amount, bool Settled);

/// <summary>
/// Keeps and breaks promises to pay (the engine's <see cref="PromiseEvaluator"/> decides) and keeps the account's
/// promise columns current: open count and next promise date (what lets the payment posting skip all of this for an
/// account with no open promise) and the fiscal year's kept / broken / open counts.
/// <list type="bullet">
/// <item><see cref="OnPayment"/>: called by the payment application. No call when the account has no open promise
/// (the count is read with the account by the rescoring); otherwise one query (the open promises, with the account's
/// counts joined), then an update per promise the payment moved and one of the account when a promise was resolved.</item>
/// <item><see cref="Daily"/>: the daily batch. One query (the account's open promises and those dated this fiscal
/// year), breaks the open ones whose date has passed, recounts and writes what changed.</item>
/// </list>
/// </summary>
public static partial class PromiseKeeping
{
    /// <summary>Reads <see cref="OnPayment"/> makes when the account has an open promise (none otherwise).</summary>
    public const int PaymentReadCalls = 1;

    private const string AccountAlias = "acct";

    private static readonly string[] PromiseColumns =
    [
        PromiseTable.Fields.Amount, PromiseTable.Fields.PromisedFor, PromiseTable.Fields.CoveredInvoices, PromiseTable.Fields.KeptAmount,
        PromiseTable.Fields.RemainingAmount, PromiseTable.Fields.PromiseStatus, PromiseTable.Fields.ResolvedOn,
    ];

    public static int OnPayment(IOrganizationService service, ITracingService tracing, Guid accountId, int openPromises, IReadOnlyList<AppliedToInvoice> applied, DateTime paidOn, DateTime now)
    {
        if (openPromises <= 0 || applied.Count == 0)
        {
            return 0;
        }

        var query = PromisesOf(accountId);
        query.Criteria.AddCondition(PromiseTable.Fields.PromiseStatus, ConditionOperator.Equal, (int)PromiseToPayStatus.Open);
        var account = query.AddLink(Account.EntityLogicalName, PromiseTable.Fields.AccountId, Account.Fields.AccountId);
        account.EntityAlias = AccountAlias;
        account.Columns = new ColumnSet(Account.Fields.PromisesKeptFiscalYear, Account.Fields.PromisesBrokenFiscalYear, Account.Fields.PromisesOpenFiscalYear);
        var rows = service.RetrieveMultiple(query).Entities.ToList();
        var calls = PaymentReadCalls;
        var payments = applied.Select(a => new PromisePayment(a.ErpId, a.Amount, paidOn)).ToList();
        var settled = new HashSet<string>(applied.Where(a => a.Settled).Select(a => a.ErpId), StringComparer.Ordinal);
        DateTime? fiscalStart = null;
        int kept = 0, broken = 0, stillOpen = 0;
        DateTime? next = null;
        foreach (var row in rows)
        {
            var promise = ToEngine(row);
            var outcome = PromiseEvaluator.Evaluate(promise, payments, promise.CoveredInvoices.Count > 0 && promise.CoveredInvoices.All(settled.Contains), now);
            if (Write(service, row, outcome))
            {
                calls++;
            }

            if (outcome.Status != PromiseStatus.Open && fiscalStart is null)
            {
                // The fiscal year matters only once a promise is resolved: the settings are read then, not on every payment.
                fiscalStart = FiscalYear.StartOf(now, CollectionsSettings.Read(service).FiscalYearStartMonth);
                calls += CollectionsSettings.Calls;
            }

            var inYear = fiscalStart is { } start && promise.PromisedFor >= start;
            kept += outcome.Status == PromiseStatus.Kept && inYear ? 1 : 0;
            broken += outcome.Status == PromiseStatus.Broken && inYear ? 1 : 0;
            if (outcome.Status == PromiseStatus.Open)
            {
                stillOpen++;
                next = next is null || promise.PromisedFor < next ? promise.PromisedFor : next;
            }
        }

        if (stillOpen < rows.Count)
        {
            var first = rows[0];
            var counts = new Entity(Account.EntityLogicalName, accountId)
            {
                [Account.Fields.OpenPromiseCount] = stillOpen,
                [Account.Fields.NextPromiseDate] = next,
                [Account.Fields.PromisesKeptFiscalYear] = (first.Aliased<int?>(AccountAlias + "." + Account.Fields.PromisesKeptFiscalYear) ?? 0) + kept,
                [Account.Fields.PromisesBrokenFiscalYear] = (first.Aliased<int?>(AccountAlias + "." + Account.Fields.PromisesBrokenFiscalYear) ?? 0) + broken,
                [Account.Fields.PromisesOpenFiscalYear] = Math.Max(0, (first.Aliased<int?>(AccountAlias + "." + Account.Fields.PromisesOpenFiscalYear) ?? 0) - kept - broken),
            };
            service.Update(counts);
            calls++;
        }

        tracing.Trace("Promises of account {0} after the payment: {1} kept, {2} broken, {3} open.", accountId, kept, broken, stillOpen);
        return calls;
    }

    /// <summary>The daily batch: breaks open promises whose date has passed and recounts the account's promise columns. Returns the calls made.</summary>
    public static int Daily(IOrganizationService service, ITracingService tracing, Entity account, DateTime now, int fiscalYearStartMonth, out DateTime? nextOpenPromise)
    {
        var query = PromisesOf(account.Id);
        query.Criteria.AddFilter(DailyFilter(now, fiscalYearStartMonth));
        return 1 + DailyOf(service, tracing, account, service.RetrieveMultiple(query).Entities, now, fiscalYearStartMonth, out nextOpenPromise);
    }

    /// <summary>
    /// The daily promise check of a page of accounts reads their promises in one query (the same filter as
    /// <see cref="Daily"/>, an <c>in</c> condition on the account, paged by 5,000), grouped by account for <see cref="DailyOf"/>.
    /// </summary>
    public static Dictionary<Guid, List<Entity>> ReadPage(IOrganizationService service, IReadOnlyCollection<Guid> accountIds, DateTime now, int fiscalYearStartMonth, ref int calls)
    {
        var query = new QueryExpression(PromiseTable.EntityLogicalName) { ColumnSet = new ColumnSet(PromiseColumns) };
        query.ColumnSet.AddColumn(PromiseTable.Fields.AccountId);
        query.Criteria.AddCondition(PromiseTable.Fields.AccountId, ConditionOperator.In, accountIds.Cast<object>().ToArray());
        query.Criteria.AddFilter(DailyFilter(now, fiscalYearStartMonth));
        return PageReads.ByAccount(PageReads.All(service, query, ref calls), PromiseTable.Fields.AccountId);
    }

    /// <summary>
    /// The daily check on the account's promises already read (<see cref="Daily"/>'s filter): breaks open promises whose
    /// date has passed, recounts and writes what changed. Returns the writes made. One home for both batch paths.
    /// </summary>
    public static int DailyOf(IOrganizationService service, ITracingService tracing, Entity account, IEnumerable<Entity> promises, DateTime now, int fiscalYearStartMonth, out DateTime? nextOpenPromise)
    {
        var fiscalStart = FiscalYear.StartOf(now, fiscalYearStartMonth);
        var calls = 0;
        int kept = 0, broken = 0, openInYear = 0, open = 0;
        DateTime? next = null;
        foreach (var row in promises)
        {
            var promise = ToEngine(row);
            var status = (PromiseToPayStatus?)row.ChoiceOrNull(PromiseTable.Fields.PromiseStatus) ?? PromiseToPayStatus.Open;
            if (status == PromiseToPayStatus.Open)
            {
                var outcome = PromiseEvaluator.Evaluate(promise, [], false, now);
                calls += Write(service, row, outcome) ? 1 : 0;
                status = outcome.Status switch
                {
                    PromiseStatus.Kept => PromiseToPayStatus.Kept,
                    PromiseStatus.Broken => PromiseToPayStatus.Broken,
                    _ => PromiseToPayStatus.Open,
                };
            }

            if (status == PromiseToPayStatus.Open)
            {
                open++;
                next = next is null || promise.PromisedFor < next ? promise.PromisedFor : next;
            }

            if (promise.PromisedFor >= fiscalStart)
            {
                kept += status == PromiseToPayStatus.Kept ? 1 : 0;
                broken += status == PromiseToPayStatus.Broken ? 1 : 0;
                openInYear += status == PromiseToPayStatus.Open ? 1 : 0;
            }
        }

        var counts = new Entity(Account.EntityLogicalName, account.Id);
        SetIfChanged(counts, account, Account.Fields.OpenPromiseCount, open);
        SetIfChanged(counts, account, Account.Fields.PromisesKeptFiscalYear, kept);
        SetIfChanged(counts, account, Account.Fields.PromisesBrokenFiscalYear, broken);
        SetIfChanged(counts, account, Account.Fields.PromisesOpenFiscalYear, openInYear);
        if (account.GetAttributeValue<DateTime?>(Account.Fields.NextPromiseDate)?.Date != next?.Date)
        {
            counts[Account.Fields.NextPromiseDate] = next;
        }

        if (counts.Attributes.Count > 0)
        {
            service.Update(counts);
            calls++;
            // The caller's row now holds what was written (the set-based page goes on from it without reading it again).
            foreach (var written in counts.Attributes)
            {
                account[written.Key] = written.Value;
            }
        }

        nextOpenPromise = next;
        tracing.Trace("Daily promise check of account {0}: {1} open, this fiscal year {2} kept, {3} broken.", account.Id, open, kept, broken);
        return calls;
    }

    /// <summary>The ERP ids a promise covers, from its text column.</summary>
    public static IReadOnlyCollection<string> CoveredInvoices(string? text) =>
        CreditOS.CreditEngine.Ledger.InvoiceReferences.Split(text).Distinct(StringComparer.Ordinal).ToList();

    private static QueryExpression PromisesOf(Guid accountId)
    {
        var query = new QueryExpression(PromiseTable.EntityLogicalName) { ColumnSet = new ColumnSet(PromiseColumns) };
        query.Criteria.AddCondition(PromiseTable.Fields.AccountId, ConditionOperator.Equal, accountId);
        return query;
    }

    /// <summary>The daily check's promises: the open ones and those dated this fiscal year.</summary>
    private static FilterExpression DailyFilter(DateTime now, int fiscalYearStartMonth) => DailyFilter(FiscalYear.StartOf(now, fiscalYearStartMonth));

    /// <summary>The open promises and those promised for on or after <paramref name="promisedFrom"/>.</summary>
    private static FilterExpression DailyFilter(DateTime promisedFrom)
    {
        var either = new FilterExpression(LogicalOperator.Or);
        either.AddCondition(PromiseTable.Fields.PromiseStatus, ConditionOperator.Equal, (int)PromiseToPayStatus.Open);
        either.AddCondition(PromiseTable.Fields.PromisedFor, ConditionOperator.OnOrAfter, promisedFrom);
        return either;
    }

    private static PromiseUnderWatch ToEngine(Entity row) => new(
        row.Id.ToString(),
        row.MoneyOrZero(PromiseTable.Fields.Amount),
        (row.GetAttributeValue<DateTime?>(PromiseTable.Fields.PromisedFor) ?? DateTime.MaxValue.Date).Date,
        CoveredInvoices(row.GetAttributeValue<string>(PromiseTable.Fields.CoveredInvoices)),
        row.MoneyOrZero(PromiseTable.Fields.KeptAmount));

    /// <summary>Writes the promise's changed columns; true when it made a call.</summary>
    private static bool Write(IOrganizationService service, Entity row, PromiseOutcome outcome)
    {
        var status = outcome.Status switch
        {
            PromiseStatus.Kept => PromiseToPayStatus.Kept,
            PromiseStatus.Broken => PromiseToPayStatus.Broken,
            _ => PromiseToPayStatus.Open,
        };
        var update = new Entity(PromiseTable.EntityLogicalName, row.Id);
        if (row.ChoiceOrNull(PromiseTable.Fields.PromiseStatus) != (int)status)
        {
            update[PromiseTable.Fields.PromiseStatus] = new OptionSetValue((int)status);
        }

        if (row.MoneyOrZero(PromiseTable.Fields.KeptAmount) != outcome.KeptAmount || row.GetAttributeValue<Money>(PromiseTable.Fields.KeptAmount) is null)
        {
            update[PromiseTable.Fields.KeptAmount] = new Money(outcome.KeptAmount);
        }

        if (row.MoneyOrZero(PromiseTable.Fields.RemainingAmount) != outcome.Remaining || row.GetAttributeValue<Money>(PromiseTable.Fields.RemainingAmount) is null)
        {
            update[PromiseTable.Fields.RemainingAmount] = new Money(outcome.Remaining);
        }

        if (outcome.ResolvedOn is { } resolved && row.GetAttributeValue<DateTime?>(PromiseTable.Fields.ResolvedOn)?.Date != resolved.Date)
        {
            update[PromiseTable.Fields.ResolvedOn] = resolved;
        }

        if (update.Attributes.Count == 0)
        {
            return false;
        }

        service.Update(update);
        return true;
    }

    private static void SetIfChanged(Entity update, Entity current, string column, int value)
    {
        if (current.GetAttributeValue<int?>(column) != value)
        {
            update[column] = value;
        }
    }
}
