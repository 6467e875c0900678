namespace CreditOS.Integration.Worker.Messages;

/// <summary>Why a message cannot be processed, worded for the person who has to fix it.</summary>
public sealed record Rejection(string Reason, string Description);

/// <summary>Machine-readable dead-letter reasons (the DeadLetterReason property).</summary>
public static class RejectionReasons
{
    public const string UnknownFormat = "UnknownFormat";
    public const string MalformedPayload = "MalformedPayload";
    public const string MissingErpId = "MissingErpId";
    public const string NonPositiveAmount = "NonPositiveAmount";
    public const string UnknownCustomer = "UnknownCustomer";
    public const string CurrencyMismatch = "CurrencyMismatch";
    public const string InvalidOrder = "InvalidOrder";
    public const string ChannelLimitExceeded = "ChannelLimitExceeded";
    public const string DataverseRejected = "DataverseRejected";

    /// <summary>An id that must become an alternate-key value contains a character Dataverse cannot resolve in a key.</summary>
    public const string UnaddressableKey = "UnaddressableKey";
}

/// <summary>Thrown by adapters for a payload they cannot convert; caught and turned into a rejection.</summary>
public sealed class PayloadException : Exception
{
    public PayloadException()
        : this(RejectionReasons.MalformedPayload, "The payload is malformed.")
    {
    }

    public PayloadException(string message)
        : this(RejectionReasons.MalformedPayload, message)
    {
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = RejectionReasons.MalformedPayload;
    }

    public PayloadException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
