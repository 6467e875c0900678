namespace CreditOS.CreditEngine.Ledger;

/// <summary>How an ERP record's source version stands against the version its row was last written from.</summary>
public enum SourceVersionStanding
{
    /// <summary>Newer than the stored one, or the row has none yet: the record is the ERP's latest word.</summary>
    Newer,

    /// <summary>The very version the row was written from: a redelivery of the same message.</summary>
    Same,

    /// <summary>Older than the stored one: a newer version (a credit note, a correction) was applied meanwhile.</summary>
    Older,

    /// <summary>
    /// Numbered in another scope (another namespace, queue or partition), so the two numbers say nothing about which
    /// came first.
    /// </summary>
    Unordered,
}

/// <summary>
/// The one rule for ordering versions of an ERP record (an invoice restated by the ERP: new amount, credit note, open
/// figure). A version is a number and the scope that numbered it: the broker's sequence number of the message and the
/// namespace, queue and partition that assigned it (Azure Service Bus: "a gap-free, increasing sequence number relative
/// to the queue"; for partitioned entities relative to the partition, whose id is the number's top 16 bits). A message
/// keeps its number when it is abandoned and delivered again, so an older version redelivered after a newer one still
/// carries the older number. Numbers from different scopes cannot be compared.
/// </summary>
public static class SourceVersionOrder
{
    /// <summary>
    /// The plug-in's error code (SubErrorCode) for a write refused because the row was written from a newer version.
    /// The HRESULT's customer bit (0x20000000) is set, so it can never be one of Dataverse's own codes.
    /// </summary>
    public const int SupersededErrorCode = unchecked((int)0xA0C00101);

    /// <summary>The plug-in's error code for the same version carrying a different amount (a conflict, never a redelivery).</summary>
    public const int ConflictErrorCode = unchecked((int)0xA0C00102);

    public static SourceVersionStanding Compare(string? storedScope, long? storedVersion, string? incomingScope, long? incomingVersion)
    {
        if (incomingVersion is null || string.IsNullOrEmpty(incomingScope))
        {
            return SourceVersionStanding.Unordered;
        }

        if (storedVersion is null || string.IsNullOrEmpty(storedScope))
        {
            return SourceVersionStanding.Newer;
        }

        if (!string.Equals(storedScope, incomingScope, StringComparison.Ordinal))
        {
            return SourceVersionStanding.Unordered;
        }

        return incomingVersion.Value > storedVersion.Value ? SourceVersionStanding.Newer
            : incomingVersion.Value == storedVersion.Value ? SourceVersionStanding.Same
            : SourceVersionStanding.Older;
    }

    /// <summary>
    /// The scope of a broker sequence number: the namespace (host) and the queue, and the partition when the number
    /// carries one in its top 16 bits (a partitioned Service Bus entity numbers each partition on its own).
    /// </summary>
    public static string ScopeOf(string host, string queue, long sequenceNumber)
    {
        var partition = (ulong)sequenceNumber >> 48;
        return partition == 0 ? host + "/" + queue : host + "/" + queue + "/partition-" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
