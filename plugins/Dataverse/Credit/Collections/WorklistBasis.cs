using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The nightly batch's worklist figures are written by the integration worker in bulk (UpdateMultiple, session 21), after
/// the page that computed them has committed; each row carries the row version of the invoice the figures were computed from
/// (<see cref="Receivable.Fields.WorklistBasis"/>). UpdateMultiple does not apply <c>ConcurrencyBehavior</c>, so this check
/// does it per row, at no call: when the invoice's version (its pre-image) is no longer the basis, another writer (a payment,
/// an ERP amendment, a dispute) changed it after the page read it, and the figures are dropped from the write rather than
/// stored over the newer row. That writer's own refresh (the receivable's change step) or the next night computes them again.
/// One home for the rule; <c>WorklistBasisPlugin</c> is its step (pre-operation, inside the row's transaction).
/// </summary>
public static class WorklistBasis
{
    /// <summary>The columns a nightly worklist row writes (<see cref="CollectionsRefresh.Figures"/>) and the basis itself.</summary>
    public static readonly string[] FigureColumns =
    [
        Receivable.Fields.LatePaymentProbability, Receivable.Fields.ExpectedDaysLate, Receivable.Fields.ExpectedLateAmount,
        Receivable.Fields.CollectionReason, Receivable.Fields.NextAction, Receivable.Fields.NextActionDue,
        Receivable.Fields.CollectorId, Receivable.Fields.PredictedOn, Receivable.Fields.WorklistBasis,
    ];

    /// <summary>The image columns the check needs: the row's version.</summary>
    public const string ImageColumns = VersionNumber;

    private const string VersionNumber = "versionnumber";

    /// <summary>
    /// Keeps the target's figures when they were computed from the row's current version; otherwise removes them from the
    /// target and returns false. The basis itself is always removed (checked, never stored). A target without a basis is not a
    /// nightly row and is left alone.
    /// </summary>
    public static bool Keep(Entity target, Entity? preImage, ITracingService tracing)
    {
        if (!target.Contains(Receivable.Fields.WorklistBasis))
        {
            return true;
        }

        var basis = target.GetAttributeValue<long?>(Receivable.Fields.WorklistBasis)
            ?? throw new InvalidPluginExecutionException("The worklist basis of invoice " + target.Id + " is empty; a nightly worklist row names the row version its figures were computed from.");
        var current = VersionOf(preImage)
            ?? throw new InvalidPluginExecutionException("The pre-image of invoice " + target.Id + " carries no row version, so figures computed from version " + basis + " cannot be checked; the step must register its pre-image with versionnumber.");
        // The basis is carried by the write, not stored: other paths write figures without one, and a stored basis would
        // then name a version the figures no longer come from.
        target.Attributes.Remove(Receivable.Fields.WorklistBasis);
        if (basis == current)
        {
            return true;
        }

        foreach (var column in FigureColumns)
        {
            target.Attributes.Remove(column);
        }

        tracing.Trace("Invoice {0}: worklist figures computed from version {1} not written, the row is at version {2} (changed after the nightly page read it).", target.Id, basis, current);
        return false;
    }

    /// <summary>The image's row version: its versionnumber column, else the entity's RowVersion as retrieved.</summary>
    internal static long? VersionOf(Entity? image)
    {
        if (image is null)
        {
            return null;
        }

        if (image.GetAttributeValue<long?>(VersionNumber) is { } number)
        {
            return number;
        }

        return long.TryParse(image.RowVersion, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
