namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>
/// An open or settled customer invoice as the ERP holds it. <see cref="DiscountPercent"/> and <see cref="DiscountDate"/>
/// are the early-payment discount the invoice offers, when the ERP states one (both or neither).
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
    DateOnly? DiscountDate = null);
