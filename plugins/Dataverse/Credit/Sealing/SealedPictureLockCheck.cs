using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// Closes the window between the sealed-picture guard's basis check and the update's row lock (session 27, issue 15).
/// The pre-operation guard compares the picture's basis with the account's pre-image, which Dataverse reads before the update
/// takes the row's lock; a writer committing in between is not seen there. The post-operation stage runs after the core
/// operation, inside the same transaction, holding the row's exclusive lock until commit ("Scalable customization design:
/// database transactions": an update takes a write lock on the record, released only when the transaction commits or aborts),
/// so what its post-image shows of the columns the picture did not write is the latest committed state and can no longer change
/// before this write commits.
/// <para>
/// Every credit writer that could race the picture leaves a mark there, because a sealed picture never writes
/// <see cref="PostedRunningColumns"/>: a payment or its reversal stamps <c>cos_lastpostedon</c> and moves the open receivables, an
/// order check or credit exception stamps <c>cos_creditcheckedon</c> and moves the open orders, an ERP amount restatement moves the
/// open receivables (each claims the account's lock by writing its stamp before reading, <see cref="Accounts.AccountLock"/>).
/// Session 31: every claim, and a rescoring's conditional write outside a transaction, also writes a fresh token into <c>cos_lockclaim</c>, one
/// of <see cref="PostedRunningColumns"/>: so an event rescoring, whose other columns (scores, last-scored time) the picture writes
/// too, is seen as well, and a limit review it raised inside the window is never raised a second time by the picture's guard.
/// The pre-operation guard records the <see cref="WatchedColumns"/> the write leaves alone, from the pre-image it has just found
/// at the picture's basis (so they are what the page read), in the operation's shared variables; here they must be unchanged, or
/// the write is refused with <see cref="AccountPageRescoring.ChangedMeanwhile"/> and the whole bulk request rolls back, exactly as
/// a refusal at the basis check does (the worker splits the request and scores that account again). 0 calls.
/// </para>
/// </summary>
public static class SealedPictureLockCheck
{
    /// <summary>
    /// The running figures and posting stamps payments, reversals, invoices, amount restatements and order checks write: a sealed
    /// picture never carries them (the page commits an account whose picture changes them itself, with its conditional write), so a
    /// racing posting always shows in them.
    /// </summary>
    public static readonly IReadOnlyList<string> PostedRunningColumns =
    [
        Account.Fields.OpenReceivables,
        Account.Fields.OpenOrders,
        Account.Fields.Exposure,
        Account.Fields.UnappliedCash,
        Account.Fields.LastPostedOn,
        Account.Fields.CreditCheckedOn,
        Account.Fields.LockClaim,
    ];

    /// <summary>
    /// What the check compares: the running figures and stamps, and the columns Finance's limit decisions and holds write; those a
    /// picture writes itself (the overdue figures, history figures, bureau rating) are compared only when the picture left them alone.
    /// </summary>
    public static readonly IReadOnlyList<string> WatchedColumns =
    [
        .. PostedRunningColumns,
        Account.Fields.ApprovedLimit,
        Account.Fields.TemporaryLimit,
        Account.Fields.TemporaryLimitExpiresOn,
        Account.Fields.GroupLimit,
        Account.Fields.CreditOnHold,
        Account.Fields.CreditHoldSource,
        Account.Fields.OverdueAmount,
        Account.Fields.OverdueBeyondGrace,
        Account.Fields.OldestOverdueSince,
        Account.Fields.HistoryFigures,
        Account.Fields.BureauRating,
    ];

    /// <summary>The images both stages register (comma-separated).</summary>
    public const string ImageColumns =
        Account.Fields.OpenReceivables + "," + Account.Fields.OpenOrders + "," + Account.Fields.Exposure + "," + Account.Fields.UnappliedCash + ","
        + Account.Fields.LastPostedOn + "," + Account.Fields.CreditCheckedOn + "," + Account.Fields.ApprovedLimit + "," + Account.Fields.TemporaryLimit + ","
        + Account.Fields.TemporaryLimitExpiresOn + "," + Account.Fields.GroupLimit + "," + Account.Fields.CreditOnHold + "," + Account.Fields.CreditHoldSource + ","
        + Account.Fields.OverdueAmount + "," + Account.Fields.OverdueBeyondGrace + "," + Account.Fields.OldestOverdueSince + "," + Account.Fields.HistoryFigures + ","
        + Account.Fields.BureauRating + "," + Account.Fields.LockClaim;

    /// <summary>The shared variable that carries an account's recorded columns from stage 20 to stage 40 of its Update.</summary>
    public static string SharedVariableOf(Guid accountId) => "cos_sealedpicture_held_" + accountId.ToString("N");

    /// <summary>Whether a sealed picture would write a running figure or posting stamp (then it is refused: the page writes such an account itself).</summary>
    public static IReadOnlyList<string> RunningColumnsIn(IEnumerable<string> columns) =>
        columns.Where(PostedRunningColumns.Contains).OrderBy(c => c, StringComparer.Ordinal).ToList();

    /// <summary>Stage 20, after the basis check: records the watched columns the write leaves alone, as the pre-image holds them.</summary>
    public static void Record(Entity target, Entity preImage, ParameterCollection shared)
    {
        var held = WatchedColumns.Where(column => !target.Contains(column))
            .Select(column => new KeyValuePair<string, object?>(column, preImage.Contains(column) ? preImage[column] : null));
        shared[SharedVariableOf(target.Id)] = PictureCodec.Write(held);
    }

    /// <summary>Stage 40, under the row's lock: refuses the write when a recorded column moved since the pre-image (another writer came in between).</summary>
    public static void Check(Entity target, Entity? postImage, ParameterCollection shared, ITracingService tracing)
    {
        var key = SharedVariableOf(target.Id);
        if (!shared.TryGetValue(key, out var recorded) || recorded is not string text)
        {
            // Not a sealed picture's write (the step also runs for the page's and the postings' own writes of the last-scored time).
            return;
        }

        var after = postImage ?? throw new InvalidPluginExecutionException("The post-image of account " + target.Id + " is missing, so its sealed picture cannot be checked under the row lock; the step must register its post-image.");
        var moved = PictureCodec.Read(text)
            .Where(column => !target.Contains(column.Key))
            .Where(column => PictureCodec.Write([column]) != PictureCodec.Write([new KeyValuePair<string, object?>(column.Key, after.Contains(column.Key) ? after[column.Key] : null)]))
            .Select(column => column.Key)
            .ToList();
        if (moved.Count == 0)
        {
            return;
        }

        tracing.Trace("Account {0}: sealed picture refused under the row lock, {1} changed between its pre-image and its update.", target.Id, string.Join(", ", moved));
        throw new InvalidPluginExecutionException(
            OperationStatus.Retry,
            AccountPageRescoring.ChangedMeanwhile,
            "The account " + target.Id + " changed after the nightly page read it (" + string.Join(", ", moved) + " moved while its picture was being written: a payment, an order or another credit writer came first), "
            + "so its sealed picture was not written and nothing of this request was; write the other accounts and score this one again.");
    }
}
