using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>
/// An open or settled customer invoice as the ERP holds it. <see cref="DiscountPercent"/> and <see cref="DiscountDate"/>
/// are the early-payment discount the invoice offers, when the ERP states one (both or neither). <see cref="Version"/> is
/// the ordering evidence of this version of the invoice: neither ERP format carries a change stamp or version counter, so
/// it is the broker's sequence number of the message (null on a broker that gives none).
/// </summary>
public sealed record ErpReceivable(
    string SourceSystem,
    string ErpId,
    string CustomerNumber,
    string InvoiceNumber,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    decimal Amount,
    decimal OpenAmount,
    string CurrencyCode,
    DateOnly? SettledOn,
    bool IsDisputed,
    decimal? DiscountPercent = null,
    DateOnly? DiscountDate = null)
{
    public MessageSequence? Version { get; init; }

    /// <summary>
    /// The broker message id this version came in (null when the message has none). A message sent again keeps its id but
    /// gets a new sequence number; Dataverse keeps the ids an invoice was written from, so a re-send never writes again.
    /// </summary>
    public string? MessageId { get; init; }
}
