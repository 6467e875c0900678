using System.Diagnostics;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Session 22: a page that hands its worklist rows back (session 21) commits inside Dataverse whether or not its caller is
/// still waiting; a call that ran past the worker's batch timeout had its rows computed, its transaction committed and its
/// answer thrown away, so that night's worklist figures were lost. The worker now says how long it will wait
/// (<c>HandBackWithinSeconds</c>, half its batch timeout); a page that has run longer when its rows are ready writes them
/// itself, one Update each inside its own transaction, as it did before session 21, and hands back none. Each row still
/// carries its basis, which <see cref="WorklistBasis"/> checks against the invoice's version (the page's own later writes of an
/// invoice took the row with them, <see cref="HandedBackRowsService"/>). One home for the rule; the page plug-in calls it.
/// What it does not cover: an answer that takes longer than the remaining half of the timeout to reach the worker.
/// </summary>
public sealed class HandBackDeadline
{
    private readonly Stopwatch _running;
    private readonly TimeSpan? _budget;

    private HandBackDeadline(Stopwatch running, TimeSpan? budget)
    {
        _running = running;
        _budget = budget;
    }

    /// <summary>Starts the page's clock; <paramref name="seconds"/> null (not given) never writes the rows here; negative is refused.</summary>
    public static HandBackDeadline Start(int? seconds) => seconds is < 0
        ? throw new InvalidPluginExecutionException("HandBackWithinSeconds is " + seconds + "; it is how long the caller waits for the page's answer, 0 or more seconds.")
        : new HandBackDeadline(Stopwatch.StartNew(), seconds is { } given ? TimeSpan.FromSeconds(given) : null);

    /// <summary>How long the page has run so far.</summary>
    public TimeSpan Elapsed => _running.Elapsed;

    /// <summary>Whether the caller may no longer be waiting, so the rows must not travel with the answer.</summary>
    public bool Passed => _budget is { } budget && _running.Elapsed >= budget;

    /// <summary>
    /// Hands the rows back while the caller waits; once the deadline passed, writes each here (one call a row) and empties the
    /// list. Returns the rows written here.
    /// </summary>
    public int WriteHereIfPassed(IOrganizationService service, ITracingService tracing, ICollection<Entity> rows)
    {
        if (!Passed || rows.Count == 0)
        {
            return 0;
        }

        tracing.Trace(
            "The page ran {0:0.0} s, past the {1:0} s its caller waits: its {2} worklist rows are written here rather than handed back.",
            _running.Elapsed.TotalSeconds, _budget!.Value.TotalSeconds, rows.Count);
        foreach (var row in rows)
        {
            service.Update(row);
        }

        var written = rows.Count;
        rows.Clear();
        return written;
    }
}
