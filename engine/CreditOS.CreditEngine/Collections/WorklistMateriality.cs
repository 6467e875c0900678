namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// When an open invoice's stored worklist figures are rewritten. Without an event the figures move with the calendar
/// alone: an overdue invoice is expected at least as late as it already is (one more day every day), each overdue
/// invoice adds a day to the customer's evidence and so nudges every other invoice's probability, and an action due
/// today is due again tomorrow. Rewriting each such step costs a write per open invoice every night and tells the
/// collector nothing new (the days overdue are shown live from the due date where the worklist is read). So:
/// <list type="bullet">
/// <item>the late-payment probability, expected days late and expected late amount (and the reason in words, which
/// states them) are rewritten together when one of them moved by at least <see cref="Threshold"/> percent of its stored
/// value, or a figure was never stored; otherwise the stored ones stay;</item>
/// <item>a change of the next action is always written;</item>
/// <item>an action already due stays due from the day it first fell due: the same action due today again does not
/// rewrite its stored (earlier) due date.</item>
/// </list>
/// One rule for every path that refreshes the worklist (the nightly batch per account and set-based; an event on a
/// receivable or a collector change refreshes with <see cref="EveryChange"/>, for the event itself is material). The
/// threshold is an administrator's setting on the default rule set (<c>cos_materialworklistchange</c>, percent).
/// </summary>
public sealed record WorklistMateriality
{
    /// <summary>The default: a tenth of the stored figure.</summary>
    public const decimal DefaultThreshold = 10m;

    /// <summary>The largest threshold the validator accepts (a figure twice as large as stored is always news).</summary>
    public const decimal MaximumThreshold = 100m;

    public static readonly WorklistMateriality Default = new(DefaultThreshold);

    /// <summary>Every stored change is written (threshold 0): what an event on the invoice or its account asks for.</summary>
    public static readonly WorklistMateriality EveryChange = new(0m);

    public WorklistMateriality(decimal threshold)
    {
        Threshold = threshold;
    }

    /// <summary>Percent of its stored value by which a figure must move to be rewritten.</summary>
    public decimal Threshold { get; }

    /// <summary>Whether one figure moved materially: a figure never stored always did; otherwise by at least the threshold's share of the stored value.</summary>
    public bool Moved(decimal? stored, decimal now)
    {
        if (stored is not { } before)
        {
            return true;
        }

        var change = Math.Abs(now - before);
        if (Threshold == 0m || change == 0m)
        {
            return change != 0m;
        }

        // From zero any move is material (no share of nothing); otherwise relative to the stored value.
        return before == 0m || change * 100m >= Threshold * Math.Abs(before);
    }

    /// <summary>Whether the figures (probability, expected days late, expected late amount) are rewritten, with the reason.</summary>
    public bool FiguresMoved(decimal? storedProbability, decimal probability, decimal? storedDaysLate, decimal daysLate, decimal? storedLateAmount, decimal lateAmount) =>
        Moved(storedProbability, probability) || Moved(storedDaysLate, daysLate) || Moved(storedLateAmount, lateAmount);

    /// <summary>
    /// The next action's due date to store: the stored one when the action is the same, was already due on or before
    /// <paramref name="today"/> and is still due now (the computed date is not in the future); otherwise the computed one.
    /// </summary>
    public static DateTime ActionDue(CollectionAction? storedAction, DateTime? storedDue, CollectionAction action, DateTime due, DateTime today) =>
        storedAction == action && storedDue is { } since && since.Date <= today.Date && due.Date <= today.Date ? since.Date : due.Date;

    /// <summary>The problem with the threshold in an administrator's words, null when valid.</summary>
    public string? Problem() => Threshold < 0m || Threshold > MaximumThreshold
        ? "The material worklist change must be between 0 and " + MaximumThreshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
          + " percent; it is " + Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "."
        : null;
}
