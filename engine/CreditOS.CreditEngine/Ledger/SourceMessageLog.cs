using System.Globalization;
using System.Text;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// One ERP message recorded against a record: its message id, the version it came as when first judged (applied, or
/// superseded by a newer version and applied to nothing), and what it stated.
/// </summary>
/// <param name="Digest">A fingerprint of everything else the message stated (<see cref="SourceMessageLog.Digest"/>).</param>
public sealed record SourceMessageEntry(string MessageId, long? Version, decimal Amount, decimal OpenAmount, string Digest);

/// <summary>How a message stands against a record's log, and the entry its id was recorded as (null when not recorded).</summary>
/// <param name="Newer">
/// For <see cref="SourceMessageStanding.FirstStoredEarlier"/> and <see cref="SourceMessageStanding.OutOfOrder"/>: the newest
/// other message recorded with a version between the message's first storage and the number it was applied as (null: none).
/// </param>
public sealed record SourceMessageJudgement(SourceMessageStanding Standing, SourceMessageEntry? Recorded, SourceMessageEntry? Newer = null)
{
    /// <summary>
    /// For <see cref="SourceMessageStanding.FirstStoredEarlier"/>: the version the record is written from once the message
    /// is dated by its first storage (the newer message's, when one with the same content lies between; else the message's own).
    /// </summary>
    public long? CorrectedVersion { get; init; }
}

/// <summary>How an incoming message stands against the messages a record was already written from.</summary>
public enum SourceMessageStanding
{
    /// <summary>Its message id was never applied to the record: judged by its version (<see cref="SourceVersionOrder"/>).</summary>
    NotRecorded,

    /// <summary>The message the record was last written from, with the same content: nothing to write.</summary>
    Redelivery,

    /// <summary>A message recorded before the record's latest, with the same content: its version is its first one, older.</summary>
    Superseded,

    /// <summary>A recorded message id whose content now differs: one message cannot say two things.</summary>
    Conflict,

    /// <summary>
    /// The message the record was last written from, with the same content, now under a lower number than it was applied as:
    /// that number is its first storage (the copy applied was a re-send that overtook it, e.g. while the first copy was locked
    /// by a receiver that crashed). No other message with other content lies between the two numbers, so the figures are
    /// right; the record's version is lowered to <see cref="SourceMessageJudgement.CorrectedVersion"/> so that a message
    /// stored between them is still taken as newer when it comes.
    /// </summary>
    FirstStoredEarlier,

    /// <summary>
    /// As <see cref="FirstStoredEarlier"/>, but a message with other content was recorded with a version between the two
    /// numbers (<see cref="SourceMessageJudgement.Newer"/>): by first storage it is the newer version, so the record holds an
    /// older version's figures. They cannot be rebuilt from the log (it keeps amounts and a digest, not the dates and terms):
    /// a conflict for a person, and the record needs a re-sync from the ERP.
    /// </summary>
    OutOfOrder,
}

/// <summary>
/// The version of an ERP message is fixed by its first storage. A publisher that sends a message again (a retry, a faulty
/// stream replaying earlier messages; duplicate detection is off on the ERP queues) gets a new, higher broker sequence
/// number for the same message id, so ordering by sequence number alone would take an old version as the newest and move
/// the invoice back. The record therefore keeps a bounded log of the message ids judged against it, in the order they were
/// recorded, each with the version and figures it came as: those applied, and those superseded by their number (an older
/// version delivered after a newer one, recorded without applying their figures, so a re-send under a higher number is
/// still known as old). A message whose id is in it never writes again. At most <see cref="Capacity"/> entries and
/// <see cref="MaxLength"/> characters are kept, the oldest dropped first: a re-send of a message older than that is
/// judged by its new sequence number again (neither ERP format carries a version of its own to judge it by).
/// </summary>
public static class SourceMessageLog
{
    /// <summary>The number of message ids kept per record.</summary>
    public const int Capacity = 64;

    /// <summary>The most characters the log may take (the column's MaxLength).</summary>
    public const int MaxLength = 100_000;

    /// <summary>The plug-in's error code for a redelivery of the message the record was last written from (nothing written).</summary>
    public const int RedeliveryErrorCode = unchecked((int)0xA0C00105);

    private const char Separator = '\t';

    /// <summary>
    /// The entries of a stored log, oldest first. A line that is not an entry (another number of fields, a figure that does
    /// not parse, an empty id or digest) throws <see cref="FormatException"/> naming the line: a log that cannot be read is a
    /// fault, never an empty history (skipping an entry would let the message it records be applied again as new).
    /// </summary>
    public static IReadOnlyList<SourceMessageEntry> Parse(string? text)
    {
        var entries = new List<SourceMessageEntry>();
        if (string.IsNullOrEmpty(text))
        {
            return entries;
        }

        var lines = text!.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            entries.Add(ParseLine(lines[index], index + 1, lines.Length));
        }

        return entries;
    }

    /// <summary>The log with <paramref name="entry"/> appended (an earlier entry of the same id replaced), the oldest dropped beyond the bounds.</summary>
    public static string Append(string? text, SourceMessageEntry entry)
    {
        var entries = Parse(text).Where(existing => !string.Equals(existing.MessageId, entry.MessageId, StringComparison.Ordinal)).ToList();
        entries.Add(entry);
        var lines = entries.Select(Format).ToList();
        while (lines.Count > 1 && (lines.Count > Capacity || lines.Sum(line => line.Length + 1) - 1 > MaxLength))
        {
            lines.RemoveAt(0);
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// How a message stands against the log: not recorded, or recorded and then a redelivery of the latest, superseded or a
    /// conflict, and the entry it was recorded as.
    /// </summary>
    /// <param name="latestMessageId">The message id the record was last written from.</param>
    /// <param name="incoming">
    /// The message as it comes now. Its version (its number now) is compared only for the message the record was last
    /// written from: a lower number than it was applied as is its first storage (<see cref="SourceMessageStanding.FirstStoredEarlier"/>,
    /// <see cref="SourceMessageStanding.OutOfOrder"/>).
    /// </param>
    /// <param name="ordered">Whether the incoming number can be ordered against the log's (the same scope as the record's version).</param>
    public static SourceMessageJudgement Judge(string? text, string? latestMessageId, SourceMessageEntry incoming, bool ordered = true)
    {
        if (incoming is null)
        {
            throw new ArgumentNullException(nameof(incoming));
        }

        var entries = Parse(text);
        var recorded = entries.LastOrDefault(entry => string.Equals(entry.MessageId, incoming.MessageId, StringComparison.Ordinal));
        if (recorded is null)
        {
            return new SourceMessageJudgement(SourceMessageStanding.NotRecorded, null);
        }

        if (!SameContent(recorded, incoming))
        {
            return new SourceMessageJudgement(SourceMessageStanding.Conflict, recorded);
        }

        if (!string.Equals(latestMessageId, incoming.MessageId, StringComparison.Ordinal))
        {
            // Recorded, and the record was written from a later message since: its first storage, whatever it was, is older.
            return new SourceMessageJudgement(SourceMessageStanding.Superseded, recorded);
        }

        if (!ordered || incoming.Version is not { } first || recorded.Version is not { } applied || first >= applied)
        {
            return new SourceMessageJudgement(SourceMessageStanding.Redelivery, recorded);
        }

        // The copy applied was not the first one stored: the message's version is this lower number. Any other message recorded
        // between the two is newer by first storage; the newest of them decides whether the record holds the right figures.
        var newer = entries
            .Where(entry => !string.Equals(entry.MessageId, incoming.MessageId, StringComparison.Ordinal) && entry.Version > first && entry.Version < applied)
            .OrderBy(entry => entry.Version)
            .LastOrDefault();
        if (newer is not null && !SameContent(newer, recorded))
        {
            return new SourceMessageJudgement(SourceMessageStanding.OutOfOrder, recorded, newer);
        }

        return new SourceMessageJudgement(SourceMessageStanding.FirstStoredEarlier, recorded, newer) { CorrectedVersion = newer?.Version ?? first };
    }

    /// <summary>
    /// The opening of the description an <see cref="SourceMessageStanding.OutOfOrder"/> finding is recorded with: a stored
    /// copy's message id and number are unique, so a record whose finding opens so was found out of order by this copy.
    /// </summary>
    public static string OutOfOrderOpening(string messageId, long version) =>
        OutOfOrderOpeningOf(messageId) + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether an out-of-order finding still stands unanswered: it was found by a copy of the very message the invoice is
    /// still written from (<paramref name="writtenFrom"/>, the row's message id; a finding strips the copy, so the row keeps
    /// naming it), i.e. no later ERP message was applied since, and the figures may still be an older version's. A finding
    /// that names another message (the ERP re-sent the invoice and the worker applied it) no longer does.
    /// </summary>
    public static bool FindingAwaitsResync(string finding, string? writtenFrom) =>
        writtenFrom is { Length: > 0 } && finding.StartsWith(OutOfOrderOpeningOf(writtenFrom), StringComparison.Ordinal);

    private static string OutOfOrderOpeningOf(string messageId) => "Message " + messageId + " was first stored as version ";

    private static bool SameContent(SourceMessageEntry one, SourceMessageEntry other) =>
        one.Amount == other.Amount && one.OpenAmount == other.OpenAmount && string.Equals(one.Digest, other.Digest, StringComparison.Ordinal);

    /// <summary>
    /// A fingerprint (FNV-1a, 64 bits, hex) of what a message stated besides its amounts, each part in a canonical form
    /// (<see cref="Canonical"/>), so the same content written twice gives the same digest whatever its formatting.
    /// </summary>
    public static string Digest(IEnumerable<string> parts)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(string.Join("\u001f", parts)))
        {
            hash ^= b;
            hash *= prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>A stated value in canonical form: numbers without trailing zeros, dates as ISO, null as "~".</summary>
    public static string Canonical(object? value) => value switch
    {
        null => "~",
        decimal number => Number(number),
        DateTime date => date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "~",
    };

    private static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static SourceMessageEntry ParseLine(string line, int number, int count)
    {
        var parts = line.Split(Separator);
        if (parts.Length != 5 || parts[0].Length == 0 || parts[4].Length == 0
            || !(parts[1].Length == 0 || long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            || !decimal.TryParse(parts[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var openAmount))
        {
            throw new FormatException(string.Format(
                CultureInfo.InvariantCulture,
                "The source message log cannot be read: line {0} of {1} ({2} characters, {3} fields) is not \"message id, version, amount, open amount, digest\" separated by tabs.",
                number,
                count,
                line.Length,
                parts.Length));
        }

        return new SourceMessageEntry(
            Unescape(parts[0]),
            parts[1].Length == 0 ? null : long.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            amount,
            openAmount,
            parts[4]);
    }

    private static string Format(SourceMessageEntry entry) =>
        string.Join(
            Separator.ToString(),
            Escape(entry.MessageId),
            entry.Version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Number(entry.Amount),
            Number(entry.OpenAmount),
            entry.Digest);

    // A message id is any string: its separators are escaped so an entry stays one line of five fields.
    private static string Escape(string value) => value.Replace("%", "%25").Replace("\t", "%09").Replace("\n", "%0A").Replace("\r", "%0D");

    private static string Unescape(string value) => value.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%09", "\t").Replace("%25", "%");
}
