using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The collections part of the daily batch for one account (the worker's scheduled <c>cos_RescoreAccount</c>, after the
/// rescoring): assign the collector by the rules unless one was set by hand, break promises whose date passed and
/// recount the account's promise columns, refresh the worklist figures of its open receivables, then raise the condition
/// monitor's action items and draft the day's dunning letters. Calls: the
/// settings and the account (2), the rules (1, only for an account with receivables and no hand-set collector), the
/// promises (1), the worklist reads (2), the follow-up (conditions and dunning steps, 2; the account, the monitor's facts and
/// the open invoices only when some are configured: <see cref="FollowUp.CollectionsFollowUp.MaximumReadCalls"/> in all), plus one
/// write per changed row, action item and drafted letter.
/// </summary>
public static class CollectionsDailyRun
{
    private static readonly string[] AccountColumns =
    [
        Account.Fields.CollectorId, Account.Fields.CollectorSetBy, Account.Fields.CustomerGroup, Account.Fields.Country, Account.Fields.StateOrProvince,
        Account.Fields.RiskLevel, Account.Fields.OpenReceivables, Account.Fields.OpenPromiseCount, Account.Fields.NextPromiseDate,
        Account.Fields.PromisesKeptFiscalYear, Account.Fields.PromisesBrokenFiscalYear, Account.Fields.PromisesOpenFiscalYear,
    ];

    /// <summary>Runs the day's collections work for the account; returns the organization-service calls made.</summary>
    public static int Run(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now)
    {
        var settings = CollectionsSettings.Read(service);
        var account = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(AccountColumns));
        var calls = CollectionsSettings.Calls + 1;
        var collector = CollectorAssigner.Assign(service, tracing, account, now, ref calls);
        // The next promise date as the promise check left it: a promise broken today no longer defers the call.
        calls += PromiseKeeping.Daily(service, tracing, account, now, settings.FiscalYearStartMonth, out var nextPromise);
        calls += CollectionsRefresh.ReadCalls + CollectionsRefresh.Refresh(service, tracing, accountId, collector, nextPromise, now, settings.Model);
        // On today's figures: the condition monitor's action items and the dunning letters (FollowUp).
        calls += FollowUp.CollectionsFollowUp.Run(service, tracing, accountId, now);
        return calls;
    }
}
