using System.Globalization;
using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Credit.Sealing;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Set-based rescoring of a page of accounts: the main operation of the global Custom API cos_RescoreAccountPage,
/// which the integration worker's nightly batch calls once per page, and nobody else (<see cref="RescoreCallers.EnsureMayRescorePage"/>:
/// SYSTEM or the Integration role, <see cref="RescoreCallers.PageCalls"/> at most). Budget for a page where nothing changed:
/// <see cref="AccountPageRescoring.UnchangedPageCalls"/> + the caller check (plus one per further 5,000 aggregate rows); each account
/// written adds its write, conditional on the row version read (<see cref="AccountPageRescoring.CallsPerWrittenAccount"/>), and its
/// history row when its picture changed; a page one of whose accounts another writer changed meanwhile is refused whole
/// (<see cref="AccountPageRescoring.ChangedMeanwhile"/>) and sent again by the worker. A scheduled
/// page (the nightly batch) then runs the daily collections work set-based (<see cref="CollectionsPageRun"/>: one query
/// per kind of row for the page, the same decisions as <see cref="CollectionsDailyRun.Run"/> for one account, and only
/// the rows whose values change written).
/// </summary>
[CustomApi(RescoreAccountPageApi.UniqueName, Description = "Rescores a page of customers set-based (the nightly batch) and returns how many were assessed, written and changed.")]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.AccountIds, CustomApiFieldType.StringArray)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.Trigger, CustomApiFieldType.Picklist, IsOptional = true)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.ReturnWorklistRows, CustomApiFieldType.Boolean, IsOptional = true)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.HandBackWithinSeconds, CustomApiFieldType.Integer, IsOptional = true)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.ReturnSealedRows, CustomApiFieldType.Boolean, IsOptional = true)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.CollectionsOnly, CustomApiFieldType.Boolean, IsOptional = true)]
[CustomApiRequestParameter(RescoreAccountPageApi.Request.SealedBehaviour, CustomApiFieldType.String, IsOptional = true)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.Assessed, CustomApiFieldType.Integer)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.Written, CustomApiFieldType.Integer)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.Changed, CustomApiFieldType.Integer)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.Released, CustomApiFieldType.Integer)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.Failures, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.WorklistRows, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.SealedAccounts, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.SealedHistory, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountPageApi.Response.SealedBehaviour, CustomApiFieldType.String)]
public sealed class RescoreAccountPagePlugin : PluginBase
{
    public RescoreAccountPagePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        // Session 22: how long the caller waits; rows ready after that are written here, not lost with an answer nobody reads.
        var deadline = HandBackDeadline.Start(context.GetInputParameter<int?>(RescoreAccountPageApi.Request.HandBackWithinSeconds));
        var requested = context.GetInputParameter<string[]>(RescoreAccountPageApi.Request.AccountIds) ?? [];
        var ids = new List<Guid>(requested.Length);
        foreach (var text in requested)
        {
            ids.Add(Guid.TryParse(text, out var id)
                ? id
                : throw new InvalidPluginExecutionException("AccountIds holds '" + text + "', which is not an account id (a GUID)."));
        }

        // Controls round 8: the nightly batch's API, the worker's or SYSTEM's only (RescoreCallers.PageCalls).
        RescoreCallers.EnsureMayRescorePage(context.PluginExecutionContext, context.SystemService, ids.Count);
        var trigger = context.GetInputParameter<OptionSetValue>(RescoreAccountPageApi.Request.Trigger) is { } given
            ? RescoreAccountApi.TriggerOf(given)
            : ScoreTrigger.Scheduled;
        // Counted apart so the trace says where the page's calls went (the benchmark sums these lines).
        var scoring = new CountingService(context.SystemService);
        var collections = new CountingService(context.SystemService);
        // Session 21: the worker may ask for the changed worklist rows back, to write them in bulk outside this transaction.
        var worklist = context.GetInputParameter<bool?>(RescoreAccountPageApi.Request.ReturnWorklistRows) == true ? new List<Entity>() : null;
        // Session 25: the two-call night. The scoring call hands its plain accounts and history rows back sealed (SealedPageRows)
        // and leaves the collections work to the collections call the worker makes after its bulk writes, so that work reads the
        // new picture, as it does in one call.
        var returnSealed = context.GetInputParameter<bool?>(RescoreAccountPageApi.Request.ReturnSealedRows) == true;
        var collectionsOnly = context.GetInputParameter<bool?>(RescoreAccountPageApi.Request.CollectionsOnly) == true;
        if (collectionsOnly && (returnSealed || trigger != ScoreTrigger.Scheduled))
        {
            throw new InvalidPluginExecutionException("CollectionsOnly runs the nightly collections work of a page already scored: Trigger scheduled, and not with ReturnSealedRows.");
        }

        // Session 32: the stamp first, so the seal key (and the configuration and routes) can be taken as kept under it.
        var variables = collectionsOnly ? null : AccountPageRescoring.ReadStampAndSettings(scoring);
        var key = returnSealed ? SealKey.ForSealing(context.PluginExecutionContext.OrganizationId, scoring, ConfigurationVersion.StampOf(variables!)) : null;
        var sealing = key is null ? null : new SealedPageRows(key);
        var day = context.OperationCreatedOn.Date;
        PageRescoreResult result;
        IReadOnlyDictionary<Guid, CreditOS.CreditEngine.Collections.PaymentBehaviour>? settled = null;
        if (collectionsOnly)
        {
            // Session 28: the settled receivables' payment behaviour and the materiality as the scoring call sealed them; what does
            // not open for its account and today is read as the scoring reads it.
            var handedOver = PageSettledBehaviour.Open(collections, context.TracingService, context.PluginExecutionContext.OrganizationId, ids, day, context.GetInputParameter<string>(RescoreAccountPageApi.Request.SealedBehaviour));
            result = PageRescoreResult.CollectionsOnly(handedOver.Materiality);
            settled = handedOver.Settled;
        }
        else
        {
            result = AccountPageRescoring.Rescore(scoring, context.TracingService, context.PluginExecutionContext.OrganizationId, ids, trigger, RescoreAccountApi.DetailOf(trigger), context.OperationCreatedOn, variables!, sealing);
        }

        var failed = new HashSet<Guid>(result.FailedAccountIds);
        if (trigger == ScoreTrigger.Scheduled && !returnSealed)
        {
            // The nightly batch's collections work, set-based: one query per kind of row for the page, the same
            // decisions and writes as the per-account path (CollectionsPageRun).
            // An account that could not be scored gets none, as its per-account call is rolled back.
            CollectionsPageRun.Run(collections, context.TracingService, context.PluginExecutionContext.OrganizationId, [.. ids.Where(id => !failed.Contains(id))], context.OperationCreatedOn, result.WorklistMateriality, settled ?? PageSettledBehaviour.Of(result.SettledRows), worklist);
        }

        // Session 28: the scoring call of a two-call night seals what its collections call would otherwise read again.
        var sealedBehaviour = key is null
            ? string.Empty
            : PageSettledBehaviour.Seal(key, ids.Where(id => !failed.Contains(id)), day, result.SettledRows, result.WorklistMateriality);

        if (worklist is not null)
        {
            // Session 22: past the caller's deadline the rows are written here (counted with the collections' writes).
            deadline.WriteHereIfPassed(collections, context.TracingService, worklist);
            // Session 21: the worker writes these with UpdateMultiple (up to 1,000 a request); WorklistBasisPlugin drops a row
            // whose invoice changed after this page read it.
            context.TracingService.Trace("Worklist rows handed back for the caller's bulk write: {0}.", worklist.Count);
        }

        context.TracingService.Trace(
            "Page calls: scoring {0} reads, {1} writes; collections {2} reads, {3} writes ({4} accounts, {5} written, {6} with a new history row).",
            scoring.Reads, scoring.Others, collections.Reads, collections.Others, ids.Count, result.Written, result.Changed);
        context.TracingService.Trace("Page reads by table: scoring {0}; collections {1}.", scoring.ReadsByTable, collections.ReadsByTable);

        context.SetOutputParameter(RescoreAccountPageApi.Response.Assessed, result.Assessed);
        context.SetOutputParameter(RescoreAccountPageApi.Response.Written, result.Written);
        context.SetOutputParameter(RescoreAccountPageApi.Response.Changed, result.Changed);
        context.SetOutputParameter(RescoreAccountPageApi.Response.Released, result.Released);
        context.SetOutputParameter(RescoreAccountPageApi.Response.Failures, string.Join(Environment.NewLine, result.Failures.Select(f => f.ToString(CultureInfo.InvariantCulture))));
        context.SetOutputParameter(RescoreAccountPageApi.Response.WorklistRows, worklist is null ? string.Empty : PageRowsJson.Write(Receivable.EntityLogicalName, Receivable.Fields.ReceivableId, worklist));
        context.SetOutputParameter(RescoreAccountPageApi.Response.SealedAccounts, sealing is null ? string.Empty : sealing.AccountsJson());
        context.SetOutputParameter(RescoreAccountPageApi.Response.SealedHistory, sealing is null ? string.Empty : sealing.HistoryJson());
        context.SetOutputParameter(RescoreAccountPageApi.Response.SealedBehaviour, sealedBehaviour);
        if (sealing is not null)
        {
            context.TracingService.Trace("Sealed rows handed back for the caller's bulk writes: {0} accounts, {1} history rows, {2} limit reviews inside the pictures.", sealing.Accounts.Count, sealing.History.Count, sealing.Reviews);
        }
    }
}
