namespace CreditOS.LocalServiceBus;

/// <summary>How a receiver settles a locked message (a link disposition or <c>com.microsoft:update-disposition</c>).</summary>
internal enum SettleKind
{
    Complete,
    Abandon,
    DeadLetter,
    Defer,
}

internal sealed record SettleRequest(
    SettleKind Kind,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null,
    IReadOnlyDictionary<string, object?>? PropertiesToModify = null);
