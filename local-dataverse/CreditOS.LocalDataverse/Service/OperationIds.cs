namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The ids the pipeline draws for an operation (its OperationId, RequestId and, at top level, CorrelationId): random version-4
/// Guids, as <see cref="Guid.NewGuid"/> gives, drawn from the thread's <see cref="Random.Shared"/> generator (seeded from the
/// system's entropy) instead of asking the operating system for 16 random bytes each time. A payment posting draws a dozen of
/// them, and on Linux each <see cref="Guid.NewGuid"/> is a system call: about 7% of the payment posting plug-in's thread time
/// end to end (session 28's profile). They identify an operation in traces and contexts and guard nothing, so they need to be
/// unique, not unpredictable. Row ids stay <see cref="Guid.NewGuid"/>.
/// </summary>
internal static class OperationIds
{
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        // Version 4 (random) and the RFC 4122 variant, where Guid.NewGuid puts them: the high nibble of the seventh byte
        // pair's second byte (byte 7 in Guid's little-endian layout) and the two high bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
