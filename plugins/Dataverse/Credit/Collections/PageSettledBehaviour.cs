using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Credit.Sealing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The payment behaviour of a page's settled receivables, which the page's collections work predicts from: summed from the rows
/// the scoring read (<see cref="Of"/>, the one-call page), and in a two-call night handed from the scoring call to the collections
/// call sealed (session 28, <see cref="SealedPaymentBehaviour"/>), so the collections call reads neither the page's receivables
/// (<c>HistoryAggregates.ReadLedger</c>) nor the configuration again. What the worker hands over is not trusted: an account whose
/// line is missing or does not open for it and today has its settled rows read as before, and the materiality is read from the
/// configuration unless every opened line agrees on it.
/// </summary>
public static class PageSettledBehaviour
{
    /// <summary>Each account's behaviour from the settled rows its rescoring read.</summary>
    public static Dictionary<Guid, PaymentBehaviour> Of(IReadOnlyDictionary<Guid, List<Entity>> settledRows) =>
        settledRows.ToDictionary(pair => pair.Key, pair => CollectionsRefresh.SettledBehaviour(pair.Value));

    /// <summary>The scoring call's lines: every account it scored, sealed for it and the day (one without settled receivables with none).</summary>
    public static string Seal(byte[] key, IEnumerable<Guid> scored, DateTime day, IReadOnlyDictionary<Guid, List<Entity>> settledRows, WorklistMateriality materiality) =>
        SealedPaymentBehaviour.Write(scored.Distinct().Select(id => new KeyValuePair<Guid, string>(
            id,
            SealedPaymentBehaviour.Seal(key, id, day, settledRows.TryGetValue(id, out var rows) ? CollectionsRefresh.SettledBehaviour(rows) : new PaymentBehaviour(), materiality))));

    /// <summary>
    /// The collections call's settled behaviour and materiality: opened from the caller's lines where they open for the account and
    /// <paramref name="day"/>; the rest read (the page's receivables of those accounts, the configuration). Calls: 0 when every line
    /// opens with the key this process remembers; 1 to read the key again when one does not; the ledger's reads for the accounts
    /// refused or not given; the configuration's when no line opened or the lines disagree.
    /// </summary>
    public static HandedOver Open(IOrganizationService service, ITracingService tracing, Guid organizationId, IReadOnlyList<Guid> accountIds, DateTime day, string? lines)
    {
        var given = SealedPaymentBehaviour.Read(lines);
        var opened = new Dictionary<Guid, OpenedBehaviour>();
        if (given.Count > 0)
        {
            OpenWith(SealKey.ForOpening(organizationId, service, readAgain: false), accountIds, day, given, opened);
            if (accountIds.Any(id => given.ContainsKey(id) && !opened.ContainsKey(id)))
            {
                // A rotated key opens what the remembered one did not; a forged or stale line stays refused.
                OpenWith(SealKey.ForOpening(organizationId, service, readAgain: true), accountIds, day, given, opened);
            }
        }

        var settled = opened.ToDictionary(pair => pair.Key, pair => pair.Value.Settled);
        var toRead = accountIds.Where(id => !opened.ContainsKey(id)).Distinct().ToList();
        if (toRead.Count > 0)
        {
            foreach (var pair in HistoryAggregates.ReadLedger(service, toRead, day).Settled)
            {
                settled[pair.Key] = CollectionsRefresh.SettledBehaviour(pair.Value);
            }
        }

        var thresholds = opened.Values.Select(o => o.Materiality.Threshold).Distinct().ToList();
        var materiality = thresholds.Count == 1
            ? opened.Values.First().Materiality
            : CreditConfigurationReader.Read(service, tracing).Configuration.WorklistMateriality;
        var refused = accountIds.Count(id => given.ContainsKey(id) && !opened.ContainsKey(id));
        tracing.Trace(
            "Sealed payment behaviour: {0} of {1} accounts opened; {2} refused (changed, forged, another account's or another day's) and {3} not given, their settled receivables read; materiality {4}.",
            opened.Count,
            accountIds.Count,
            refused,
            toRead.Count - refused,
            thresholds.Count == 1 ? "from the seal" : "read from the configuration");
        return new HandedOver(settled, materiality, opened.Count, toRead.Count);
    }

    private static void OpenWith(byte[]? key, IReadOnlyList<Guid> accountIds, DateTime day, Dictionary<Guid, string> given, Dictionary<Guid, OpenedBehaviour> opened)
    {
        if (key is null)
        {
            return;
        }

        foreach (var id in accountIds)
        {
            if (!opened.ContainsKey(id) && given.TryGetValue(id, out var text) && SealedPaymentBehaviour.Open(key, id, day, text) is { } behaviour)
            {
                opened[id] = behaviour;
            }
        }
    }
}

/// <summary>The collections call's settled behaviour by account and materiality, and how many accounts' lines opened and how many were read.</summary>
public sealed record HandedOver(Dictionary<Guid, PaymentBehaviour> Settled, WorklistMateriality Materiality, int Opened, int Read);
