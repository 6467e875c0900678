using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The collections part of the daily batch for one account (the worker's scheduled <c>cos_RescoreAccount</c>, after the
/// rescoring): assign the collector by the rules unless one was set by hand, break promises whose date passed and
/// recount the account's promise columns, refresh the worklist figures of its open receivables, then raise the condition
/// monitor's action items and draft the day's dunning letters. Accounts without receivables or promises have none
/// (<see cref="HasWork"/>). Calls: the account and the settings (2; only the account for one without work), the rules
/// (1, only for an account with receivables and no hand-set collector), the promises (1), the worklist reads (2), the
/// follow-up (the conditions and dunning steps, 2, unless the caller read them once for many accounts; the account, the
/// monitor's facts and the open invoices only when some are configured: <see cref="FollowUp.CollectionsFollowUp.MaximumReadCalls"/>
/// in all), plus one write per changed row, action item and drafted letter.
/// </summary>
public static class CollectionsDailyRun
{
    internal static readonly string[] AccountColumns =
    [
        Account.Fields.CollectorId, Account.Fields.CollectorSetBy, Account.Fields.CustomerGroup, Account.Fields.Country, Account.Fields.StateOrProvince,
        Account.Fields.RiskLevel, Account.Fields.OpenReceivables, Account.Fields.OpenPromiseCount, Account.Fields.NextPromiseDate,
        Account.Fields.PromisesKeptFiscalYear, Account.Fields.PromisesBrokenFiscalYear, Account.Fields.PromisesOpenFiscalYear,
    ];

    /// <summary>
    /// Whether the account has collections work today: open receivables (collector, worklist figures), an open promise
    /// (may break today) or promise counts of this fiscal year (reset when the year turns). The query form of the same
    /// rule is <see cref="AccountsWithWork"/>; keep the two together.
    /// </summary>
    public static bool HasWork(Entity account) =>
        (account.GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value ?? 0m) > 0m
        || (account.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount) ?? 0) > 0
        || (account.GetAttributeValue<int?>(Account.Fields.PromisesKeptFiscalYear) ?? 0) > 0
        || (account.GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear) ?? 0) > 0
        || (account.GetAttributeValue<int?>(Account.Fields.PromisesOpenFiscalYear) ?? 0) > 0;

    /// <summary>The accounts of a page that have collections work (<see cref="HasWork"/> as one query: one call).</summary>
    public static IReadOnlyList<Guid> AccountsWithWork(IOrganizationService service, IReadOnlyCollection<Guid> accountIds)
    {
        if (accountIds.Count == 0)
        {
            return [];
        }

        return service.RetrieveMultiple(WithWork(accountIds, new ColumnSet(false))).Entities.Select(row => row.Id).ToList();
    }

    /// <summary>The query form of <see cref="HasWork"/> for a page of accounts, with the columns asked for.</summary>
    internal static QueryExpression WithWork(IReadOnlyCollection<Guid> accountIds, ColumnSet columns)
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = columns };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.In, accountIds.Cast<object>().ToArray());
        var work = query.Criteria.AddFilter(LogicalOperator.Or);
        work.AddCondition(Account.Fields.OpenReceivables, ConditionOperator.GreaterThan, 0m);
        work.AddCondition(Account.Fields.OpenPromiseCount, ConditionOperator.GreaterThan, 0);
        work.AddCondition(Account.Fields.PromisesKeptFiscalYear, ConditionOperator.GreaterThan, 0);
        work.AddCondition(Account.Fields.PromisesBrokenFiscalYear, ConditionOperator.GreaterThan, 0);
        work.AddCondition(Account.Fields.PromisesOpenFiscalYear, ConditionOperator.GreaterThan, 0);
        return query;
    }

    /// <summary>Runs the day's collections work for the account; returns the organization-service calls made (1 when it has none).</summary>
    /// <param name="followUp">The monitor conditions and dunning steps when the caller read them once for many accounts (null: read here).</param>
    /// <param name="materiality">The material worklist change of the configuration the caller's rescoring read (<see cref="Rescoring.RescoreResult.WorklistMateriality"/>).</param>
    public static int Run(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now, WorklistMateriality materiality, FollowUp.FollowUpConfiguration? followUp = null)
    {
        var account = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(AccountColumns));
        if (!HasWork(account))
        {
            tracing.Trace("Account {0} has no receivables and no promises: no collections work today.", accountId);
            return 1;
        }

        var settings = CollectionsSettings.Read(service);
        var calls = CollectionsSettings.Calls + 1;
        var collector = CollectorAssigner.Assign(service, tracing, account, now, ref calls);
        // The next promise date as the promise check left it: a promise broken today no longer defers the call.
        calls += PromiseKeeping.Daily(service, tracing, account, now, settings.FiscalYearStartMonth, out var nextPromise);
        calls += CollectionsRefresh.ReadCalls + CollectionsRefresh.Refresh(service, tracing, accountId, collector, nextPromise, now, settings.Model, materiality);
        // On today's figures: the condition monitor's action items and the dunning letters (FollowUp).
        calls += FollowUp.CollectionsFollowUp.Run(service, tracing, accountId, now, followUp);
        return calls;
    }
}
