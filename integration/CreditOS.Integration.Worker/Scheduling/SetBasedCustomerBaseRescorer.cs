using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Rescores a page of accounts set-based: the global Custom API cos_RescoreAccountPage, once per
/// <see cref="SchedulingOptions.BatchRescoreAccountsPerCall"/> accounts, scores them inside Dataverse with the same
/// mapping as the per-account Custom API and writes only the accounts whose picture changed. Each call goes through
/// the client's $batch path, so a 429 is retried after its Retry-After and a 5xx after a backoff. A call refused
/// because one of its aggregates would pass Dataverse's 50,000-row limit (0x8004E023) is split in half and sent again,
/// down to one account; accounts Dataverse could not score are logged with the reason, and the pass goes on. A call
/// refused because one of its accounts changed between the page's read and its write (a payment or an order came first:
/// ConcurrencyVersionMismatch 0x80060882 as the SubErrorCode, nothing of the page written) is sent again, in two halves
/// so a busy account does not keep a whole page from committing; one account alone is sent again up to
/// <see cref="ChangedMeanwhileAttempts"/> times, then logged as not rescored (the next event or night rescores it).
/// Since session 21 the pages hand back their changed worklist rows, which <see cref="PageRowsBulkWriter"/> writes with
/// UpdateMultiple in requests of up to 1,000 rows. Since session 22 each call says how long the worker waits for its answer
/// (<see cref="HandBackWithinSeconds"/>): a page still running after that writes its worklist rows itself, so a call that passes
/// the batch timeout no longer loses them. Since session 29 a call that ran out of time (Dataverse's 2-minute limit, or, for a
/// two-call night's scoring call, no answer within the batch timeout) is sent again in two halves, down to one account, so the
/// default of 1,000 accounts a call adapts to what fits (<see cref="SchedulingOptions.BatchRescoreAccountsPerCall"/>).
/// </summary>
public sealed partial class SetBasedCustomerBaseRescorer(DataverseWebApiClient client, IOptions<SchedulingOptions> options, IOptions<DataverseOptions> dataverse, ILogger<SetBasedCustomerBaseRescorer> logger) : ICustomerBaseRescorer
{
    /// <summary>
    /// Half the batch attempt timeout, in whole seconds: the page hands its rows back only if it is ready by then, leaving the
    /// other half for the answer to travel (a page that passes it writes them itself, one call a row).
    /// </summary>
    public static int HandBackWithinSeconds(DataverseOptions dataverse) =>
        (int)Math.Floor(dataverse.BatchAttemptTimeout.TotalSeconds / 2);

    /// <summary>
    /// Dataverse's AggregateQueryRecordLimit (0x8004E023), which the page's plug-in refuses with: a plug-in's refusal
    /// answers IsvAborted 0x80040265 with this as its SubErrorCode, in decimal.
    /// </summary>
    public const string AggregateLimitSubErrorCode = "-2147164125";

    /// <summary>
    /// Dataverse's ConcurrencyVersionMismatch (0x80060882) in decimal, the SubErrorCode of a page refused because one of its
    /// accounts changed after the page read it (the plug-in's conditional write found another row version).
    /// </summary>
    public const string ChangedMeanwhileSubErrorCode = "-2147088254";

    /// <summary>How many times a one-account call refused as changed meanwhile is sent (the account is being written continuously).</summary>
    public const int ChangedMeanwhileAttempts = 3;

    public async Task RescorePageAsync(IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var pending = new Stack<IReadOnlyList<Guid>>(accountIds.Chunk(options.Value.BatchRescoreAccountsPerCall).Reverse());
        int assessed = 0, written = 0, changed = 0, failedAccounts = 0;
        var attemptsOfOne = new Dictionary<Guid, int>();
        // Session 21: the pages hand their changed worklist rows back; they are written here in bulk (PageRowsBulkWriter).
        var bulk = new PageRowsBulkWriter(client, logger);
        var twoCalls = options.Value.BatchRescoreTwoCalls;
        while (pending.TryPop(out var call))
        {
            var result = (await client.ExecuteBatchAsync([twoCalls ? ScoringOperation(call) : Operation(call, HandBackWithinSeconds(dataverse.Value))], cancellationToken).ConfigureAwait(false))[0];
            if (result.Succeeded && result.Body is { } body)
            {
                if (twoCalls)
                {
                    // Session 25: the sealed rows written in bulk (since session 26 the accounts first, then the history rows of the
                    // accounts written, and a raced account scored again), then the page's collections work on the written picture.
                    // Session 28: the collections call gets the scoring call's sealed settled payment behaviour (a raced account's from its
                    // fresh scoring, appended after the page's), so it does not read the page's receivables again.
                    var behaviour = (body[DataverseSchema.Account.RescorePageSealedBehaviour]?.GetValue<string>() ?? string.Empty)
                        + await WriteSealedAsync(bulk, body, cancellationToken).ConfigureAwait(false);
                    body = await CollectionsAsync(call, body["Failures"]?.GetValue<string>(), behaviour, cancellationToken).ConfigureAwait(false) is { } collections ? MergedWorklist(body, collections) : body;
                }

                await bulk.AddAsync(body[DataverseSchema.Account.RescorePageWorklistRows]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
                assessed += Number(body, "Assessed");
                written += Number(body, "Written");
                changed += Number(body, "Changed");
                var failures = body["Failures"]?.GetValue<string>() is { Length: > 0 } text ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                failedAccounts += failures.Length;
                foreach (var failure in failures)
                {
                    LogAccountNotRescored(failure);
                }
            }
            else if (IsAggregateLimit(result) && call.Count > 1)
            {
                LogPageSplit(call.Count, result.ErrorMessage);
                var half = call.Count / 2;
                pending.Push(call.Skip(half).ToList());
                pending.Push(call.Take(half).ToList());
            }
            else if (IsChangedMeanwhile(result) && (call.Count > 1 || Attempt(attemptsOfOne, call[0]) < ChangedMeanwhileAttempts))
            {
                LogChangedMeanwhile(call.Count, result.ErrorMessage);
                if (call.Count > 1)
                {
                    var half = call.Count / 2;
                    pending.Push(call.Skip(half).ToList());
                    pending.Push(call.Take(half).ToList());
                }
                else
                {
                    pending.Push(call);
                }
            }
            else if (call.Count > 1 && TimedOut(result, twoCalls))
            {
                // Session 29: a call that ran out of time is sent again in two halves, down to one account, as a refused one is.
                LogTimedOutSplit(call.Count, result.ErrorMessage);
                var half = call.Count / 2;
                pending.Push(call.Skip(half).ToList());
                pending.Push(call.Take(half).ToList());
            }
            else
            {
                failedAccounts += call.Count;
                LogCallFailed(call.Count, call[0], result.StatusCode, result.ErrorMessage);
            }
        }

        await bulk.FlushAsync(cancellationToken).ConfigureAwait(false);
        LogPageRescored(accountIds.Count, assessed, written, changed, failedAccounts);
        LogRowsWritten(bulk.Rows, bulk.Requests);
    }

    /// <summary>
    /// Writes a scoring call's sealed rows; accounts the guard refused because another writer changed them after the call read them
    /// are scored again in a call of their own and written, up to <see cref="ChangedMeanwhileAttempts"/> times (as a raced one-call
    /// page is sent again), so the night leaves them as the one-call night does; after that they are logged and left to the next night.
    /// Returns the sealed payment behaviour lines of those calls (session 28), to append to the page's: the last line of an account wins.
    /// </summary>
    private async Task<string> WriteSealedAsync(PageRowsBulkWriter bulk, JsonObject scoring, CancellationToken cancellationToken)
    {
        var behaviour = string.Empty;
        var raced = await bulk.WriteSealedPageAsync(scoring[DataverseSchema.Account.RescorePageSealedHistory]?.GetValue<string>(), scoring[DataverseSchema.Account.RescorePageSealedAccounts]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; raced.Count > 0; attempt++)
        {
            LogSealedChangedMeanwhile(raced.Count, attempt);
            if (attempt > ChangedMeanwhileAttempts)
            {
                foreach (var account in raced)
                {
                    LogAccountNotRescored(account + ": changed by another writer on every attempt to write its picture");
                }

                return behaviour;
            }

            var again = (await client.ExecuteBatchAsync([ScoringOperation(raced)], cancellationToken).ConfigureAwait(false))[0];
            if (!again.Succeeded || again.Body is not { } body)
            {
                LogCallFailed(raced.Count, raced[0], again.StatusCode, again.ErrorMessage);
                return behaviour;
            }

            behaviour += body[DataverseSchema.Account.RescorePageSealedBehaviour]?.GetValue<string>() ?? string.Empty;
            raced = await bulk.WriteSealedPageAsync(body[DataverseSchema.Account.RescorePageSealedHistory]?.GetValue<string>(), body[DataverseSchema.Account.RescorePageSealedAccounts]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        }

        return behaviour;
    }

    /// <summary>The collections call of a two-call page, on the accounts the scoring call scored; its answer, or null when it failed (logged).</summary>
    private async Task<JsonObject?> CollectionsAsync(IReadOnlyList<Guid> call, string? failures, string sealedBehaviour, CancellationToken cancellationToken)
    {
        var failed = (failures ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Guid.TryParse(line.Split(':')[0], out var id) ? id : Guid.Empty).ToHashSet();
        var scored = call.Where(id => !failed.Contains(id)).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var operation = Operation(scored, HandBackWithinSeconds(dataverse.Value));
        operation.Body![DataverseSchema.Account.RescorePageCollectionsOnly] = true;
        if (sealedBehaviour.Length > 0)
        {
            operation.Body[DataverseSchema.Account.RescorePageSealedBehaviour] = sealedBehaviour;
        }
        var result = (await client.ExecuteBatchAsync([operation], cancellationToken).ConfigureAwait(false))[0];
        if (result.Succeeded && result.Body is { } body)
        {
            return body;
        }

        LogCallFailed(scored.Count, scored[0], result.StatusCode, result.ErrorMessage);
        return null;
    }

    /// <summary>The scoring call's counts with the collections call's worklist rows.</summary>
    private static JsonObject MergedWorklist(JsonObject scoring, JsonObject collections)
    {
        scoring[DataverseSchema.Account.RescorePageWorklistRows] = collections[DataverseSchema.Account.RescorePageWorklistRows]?.DeepClone();
        return scoring;
    }

    /// <summary>The scoring call of a two-call page (session 25): sealed rows back, no collections work (so no worklist rows).</summary>
    private static BatchOperation ScoringOperation(IReadOnlyList<Guid> accountIds)
    {
        var operation = Operation(accountIds, 0);
        operation.Body!.Remove(DataverseSchema.Account.RescorePageReturnWorklistRows);
        operation.Body.Remove(DataverseSchema.Account.RescorePageHandBackWithinSeconds);
        operation.Body[DataverseSchema.Account.RescorePageReturnSealedRows] = true;
        return operation;
    }

    private static BatchOperation Operation(IReadOnlyList<Guid> accountIds, int handBackWithinSeconds) => new(
        HttpMethod.Post,
        DataverseSchema.Account.RescorePageAction,
        new JsonObject
        {
            [DataverseSchema.Account.RescorePageAccountIds] = new JsonArray(accountIds.Select(id => (JsonNode)JsonValue.Create(id.ToString("D"))).ToArray()),
            [DataverseSchema.Account.RescoreTrigger] = DataverseSchema.Account.ScheduledTrigger,
            [DataverseSchema.Account.RescorePageReturnWorklistRows] = true,
            [DataverseSchema.Account.RescorePageHandBackWithinSeconds] = handBackWithinSeconds,
        },
        BatchOperation.ErrorDetailsPreference);

    private static bool IsAggregateLimit(BatchOperationResult result) =>
        result.SubErrorCode == AggregateLimitSubErrorCode;

    private static bool IsChangedMeanwhile(BatchOperationResult result) =>
        result.SubErrorCode == ChangedMeanwhileSubErrorCode;

    /// <summary>
    /// Session 29: whether a page call ran out of time and may be sent again in halves. Dataverse's own limit (2 minutes a message
    /// operation) throws a TimeoutException and rolls the whole operation back (Microsoft, "Analyze plug-in performance"), so nothing of
    /// the call was written: recognised by the exception's name or "timed out" in the error (the error code it surfaces with over the
    /// Web API is not documented). The worker's own timeout (no answer within <c>BatchAttemptTimeout</c>) leaves the outcome unknown:
    /// sent again only for the scoring call of a two-call night, which runs no collections work and whose own writes are conditional on
    /// the row version it read (a picture it committed is found unchanged and not written again; its sealed rows were lost with the
    /// answer, so nothing of them was written); a one-call page, whose collections work may still be running, is not sent again.
    /// </summary>
    private static bool TimedOut(BatchOperationResult result, bool scoringCallOfTwo) =>
        result.OutcomeUnknown
            ? scoringCallOfTwo
            : result.ErrorMessage is { } message
                && (message.Contains("TimeoutException", StringComparison.Ordinal) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts one more call of a single account refused as changed meanwhile; returns the calls so far.</summary>
    private static int Attempt(Dictionary<Guid, int> attempts, Guid account) =>
        attempts[account] = (attempts.TryGetValue(account, out var made) ? made : 0) + 1;

    private static int Number(JsonObject body, string name) => body[name]?.GetValue<int>() ?? 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account not rescored: {Failure}")]
    private partial void LogAccountNotRescored(string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "A rescoring call of {Count} accounts passed Dataverse's 50,000-row aggregate limit; sending it again in two halves ({Reason})")]
    private partial void LogPageSplit(int count, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A rescoring call of {Count} accounts ran out of time; sending it again in two halves ({Reason})")]
    private partial void LogTimedOutSplit(int count, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A rescoring call of {Count} accounts found one of them changed by another writer after it read it; nothing was written, sending it again ({Reason})")]
    private partial void LogChangedMeanwhile(int count, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sealed account picture(s) refused because another writer changed the account after the scoring call read it; scoring again (attempt {Attempt})")]
    private partial void LogSealedChangedMeanwhile(int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A rescoring call of {Count} accounts (from {FirstAccount}) failed ({Status}): {Reason}")]
    private partial void LogCallFailed(int count, Guid firstAccount, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Set-based rescore: {Rows} worklist rows written in {Requests} UpdateMultiple requests")]
    private partial void LogRowsWritten(int rows, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Set-based rescore page: {Accounts} accounts, {Assessed} assessed, {Written} written, {Changed} with a new picture, {Failed} not rescored")]
    private partial void LogPageRescored(int accounts, int assessed, int written, int changed, int failed);
}
