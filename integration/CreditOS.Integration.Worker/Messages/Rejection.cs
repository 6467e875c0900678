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

    /// <summary>An invoice id (of an invoice, or named by a payment) contains a character that separates invoices in a payment's applied invoices.</summary>
    public const string UnnameableInvoiceId = "UnnameableInvoiceId";

    /// <summary>A payment id already posted arrives with a different amount, account or invoices.</summary>
    public const string PostedPaymentChanged = "PostedPaymentChanged";

    /// <summary>An invoice version the row was already written from arrives with a different amount (one version, two amounts).</summary>
    public const string ReceivableVersionConflict = "ReceivableVersionConflict";

    /// <summary>
    /// The message an invoice was written from came back under a lower number than it was applied as (its first storage),
    /// and a message with other figures was stored between: the invoice may hold an older version's figures. It is flagged
    /// for an ERP re-sync (cos_erpresyncreason) and this message, which found it, is held for review with the figures.
    /// </summary>
    public const string ReceivableOutOfOrder = "ReceivableOutOfOrder";

    /// <summary>An invoice already posted to one customer arrives naming another (the plug-in refuses to move it).</summary>
    public const string InvoiceCustomerChanged = "InvoiceCustomerChanged";

    /// <summary>A payment names an invoice that is in Dataverse but another customer's.</summary>
    public const string InvoiceOfAnotherCustomer = "InvoiceOfAnotherCustomer";

    /// <summary>A reversal of a payment another reversal took back already (session 14).</summary>
    public const string PaymentAlreadyReversed = "PaymentAlreadyReversed";

    /// <summary>A reversal id that reversed one payment arrives naming another payment of the same source system: one ERP reversal reverses one payment (session 14).</summary>
    public const string ReversalIdInUse = "ReversalIdInUse";

    /// <summary>A reversal id already applied arrives with other facts (reason, date, amount), or states another amount than the payment's.</summary>
    public const string PaymentReversalConflict = "PaymentReversalConflict";

    /// <summary>A channel order reference already used arrives with different content.</summary>
    public const string OrderConflict = "OrderConflict";

    /// <summary>An amount beyond the sanity limits configured in Dataverse; held for a person to review.</summary>
    public const string AmountBeyondSanityLimit = "AmountBeyondSanityLimit";

    /// <summary>The message's content type does not match the format its subject names.</summary>
    public const string ContentTypeMismatch = "ContentTypeMismatch";
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
