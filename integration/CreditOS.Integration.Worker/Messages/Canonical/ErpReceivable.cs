namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>An open or settled customer invoice as the ERP holds it.</summary>
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
    bool IsDisputed);
