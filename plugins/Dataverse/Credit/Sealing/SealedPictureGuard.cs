using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// Opens a sealed picture the integration worker writes in bulk (session 25) and puts its columns into the write, or refuses it:
/// <list type="bullet">
/// <item>a picture travels alone: a write that carries any other column beside it is refused, so nothing rides in on it;</item>
/// <item>it must open with the organization's seal key for this table and row (<see cref="SealedPicture.Open"/>): an altered,
/// forged or replayed-on-another-row picture is refused whoever writes it (the credit-column and history guards refuse the
/// same columns written in clear by anyone but SYSTEM);</item>
/// <item>an account's picture is written only when the account is still at the row version the page computed it from (its
/// pre-image, inside the row's transaction): otherwise a payment, an order or another credit writer came after the page, and
/// the write is **refused** with <see cref="AccountPageRescoring.ChangedMeanwhile"/> (session 26; session 25 dropped the picture
/// silently), so the whole bulk request rolls back and the worker learns which account did not take its picture: it splits the
/// request down to that account, creates score-history rows only for the accounts written (history rows follow their accounts
/// since session 26, so a history row never records a picture its account did not take) and scores the raced account again, as it
/// sends a raced one-call page again. UpdateMultiple applies no <c>ConcurrencyBehavior</c>, which is why the check is here. What it
/// does not cover, the pre-image being read before the update takes the row's lock, is closed since session 27 by
/// <see cref="SealedPictureLockCheck"/> at stage 40, under the lock: a picture never carries the running figures postings write,
/// and the columns the write leaves alone must be as the pre-image showed them.</item>
/// </list>
/// The picture is checked, never stored; a history row is created for SYSTEM, as the page's own would be. Budget: 0 calls with
/// the key and SYSTEM's id remembered, 1 each when read (first row of a process, or a picture that did not open with the remembered key).
/// A limit review sealed inside an account's picture (session 30, <see cref="SealedLimitReview"/>) is kept here for stage 40.
/// </summary>
public static class SealedPictureGuard
{
    /// <summary>The pre-image columns the account's checks need: its row version, and what the check under the row lock compares.</summary>
    public const string ImageColumns = "versionnumber," + SealedPictureLockCheck.ImageColumns;

    /// <summary>Opens the target's sealed picture into it, or refuses the write.</summary>
    /// <param name="shared">The operation's shared variables: an account's columns the write leaves alone are recorded there for
    /// <see cref="SealedPictureLockCheck.Check"/> at stage 40 (session 27).</param>
    public static void Open(Entity target, Entity? preImage, Guid organizationId, IOrganizationService systemService, ITracingService tracing, ParameterCollection shared)
    {
        var isAccount = target.LogicalName == Account.EntityLogicalName;
        if (!isAccount && target.LogicalName != CreditScoreHistory.EntityLogicalName)
        {
            throw new InvalidPluginExecutionException("Table " + target.LogicalName + " carries no sealed picture.");
        }

        // Both tables name the column alike; their primary keys differ.
        var column = isAccount ? Account.Fields.SealedPicture : CreditScoreHistory.Fields.SealedPicture;
        var primaryId = isAccount ? Account.Fields.AccountId : CreditScoreHistory.Fields.CreditScoreHistoryId;
        if (!target.Contains(column))
        {
            return;
        }

        var sealedText = target.GetAttributeValue<string>(column);
        target.Attributes.Remove(column);
        var riders = target.Attributes.Keys.Where(k => k != primaryId).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (riders.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                "A sealed picture is written alone; this write of " + target.LogicalName + " " + target.Id + " also carries " + string.Join(", ", riders) + ". Nothing was written.");
        }

        // A create over the Web API names its id as the primary key column rather than the row's Id.
        var id = target.Id != Guid.Empty ? target.Id : target.GetAttributeValue<Guid?>(primaryId) ?? Guid.Empty;
        var opened = OpenWithKey(target.LogicalName, id, sealedText, organizationId, systemService, readAgain: false)
            ?? OpenWithKey(target.LogicalName, id, sealedText, organizationId, systemService, readAgain: true)
            ?? throw new InvalidPluginExecutionException(
                "The sealed picture for " + target.LogicalName + " " + target.Id + " does not open with the organization's seal key: it was changed, made by someone other than the credit flow, "
                + "sealed for another row or before the key was rotated. Nothing was written; the nightly rescoring computes the picture again.");
        if (isAccount)
        {
            var current = WorklistBasis.VersionOf(preImage)
                ?? throw new InvalidPluginExecutionException("The pre-image of account " + target.Id + " carries no row version, so its sealed picture cannot be checked; the step must register its pre-image with versionnumber.");
            if (current != opened.Basis)
            {
                tracing.Trace("Account {0}: sealed picture computed from version {1} refused, the account is at version {2} (changed after the nightly page read it).", target.Id, opened.Basis, current);
                throw new InvalidPluginExecutionException(
                    OperationStatus.Retry,
                    AccountPageRescoring.ChangedMeanwhile,
                    "The account " + target.Id + " changed after the nightly page read it (a payment, an order or another credit writer came first), so its sealed picture was not written and nothing of this request was; "
                    + "write the other accounts and score this one again.");
            }
        }

        var columns = opened.Columns.Where(c => c.Key != SealedPageRows.HistoryRowColumn && c.Key != SealedLimitReview.Column).ToList();
        if (isAccount && SealedPictureLockCheck.RunningColumnsIn(columns.Select(c => c.Key)) is { Count: > 0 } running)
        {
            // Session 27: the running figures postings keep never travel sealed, so a posting that races the picture always shows
            // under the row lock (SealedPictureLockCheck); a page whose picture changes them writes that account itself.
            throw new InvalidPluginExecutionException(
                "A sealed picture never sets the running figures payments and orders post; this picture of account " + target.Id + " sets " + string.Join(", ", running) + ". Nothing was written.");
        }

        foreach (var pair in columns)
        {
            target[pair.Key] = pair.Value;
        }

        if (isAccount)
        {
            SealedPictureLockCheck.Record(target, preImage!, shared);

            // Session 30: a limit review sealed with the picture is raised at stage 40, once the picture passed the check under the lock.
            SealedLimitReview.Hold(target.Id, opened.Columns, shared);
        }

        if (!isAccount)
        {
            // Owned by SYSTEM as the page's own create would be, so who reads the history is unchanged, and the worker (Create and
            // Assign, no Read) cannot read back the scores its field security withholds. SYSTEM's id is remembered (CreditFlowIdentity).
            target["ownerid"] = new EntityReference("systemuser", Guards.CreditFlowIdentity.SystemUserOf(organizationId, systemService));
        }
    }

    private static OpenedPicture? OpenWithKey(string table, Guid id, string? sealedText, Guid organizationId, IOrganizationService systemService, bool readAgain) =>
        SealKey.ForOpening(organizationId, systemService, readAgain) is { } key ? SealedPicture.Open(key, table, id, sealedText) : null;
}
