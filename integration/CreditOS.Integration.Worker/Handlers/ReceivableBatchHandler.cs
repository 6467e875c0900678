using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Receivable;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>ERP invoices and their changes → cos_receivable, upserted by (source system, ERP id).</summary>
public sealed class ReceivableBatchHandler(AdapterSet<ErpReceivable> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<ErpReceivable>(adapters, accounts, dataverse)
{
    protected override string CustomerNumber(ErpReceivable record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(ErpReceivable record) =>
        RecordRules.AddressableKey("source system", record.SourceSystem, "the integration's configuration")
        ?? RecordRules.AddressableKey("ERP invoice id", record.ErpId, record.SourceSystem);

    protected override Rejection? Validate(ErpReceivable record, AccountReference account)
    {
        if (record.OpenAmount < 0 || record.OpenAmount > record.Amount)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the open amount {record.OpenAmount} must lie between 0 and the invoice amount {record.Amount}.");
        }

        return RecordRules.PositiveAmount(record.Amount, $"invoice {record.SourceSystem}/{record.ErpId}") ?? DiscountTerms(record)
            ?? RecordRules.SameCurrency(record.CurrencyCode, account, string.Create(CultureInfo.InvariantCulture, $"invoice {record.SourceSystem}/{record.ErpId} of {record.Amount}"))
            ?? RecordRules.CurrencyDecimals(record.Amount, account, $"invoice {record.SourceSystem}/{record.ErpId} amount")
            ?? RecordRules.CurrencyDecimals(record.OpenAmount, account, $"invoice {record.SourceSystem}/{record.ErpId} open amount");
    }

    /// <summary>An early-payment discount is a percent below 100 with the date it runs to, between the invoice date and the due date.</summary>
    private static Rejection? DiscountTerms(ErpReceivable record)
    {
        if (record.DiscountPercent is null && record.DiscountDate is null)
        {
            return null;
        }

        if (record.DiscountPercent is not { } percent || record.DiscountDate is not { } until)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: an early-payment discount needs both its percent and its discount date (got {(record.DiscountPercent is null ? "a date only" : "a percent only")}).");
        }

        if (percent is < 0 or >= 100)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the early-payment discount {percent}% must be at least 0 and below 100.");
        }

        return until < record.InvoiceDate || until > record.DueDate
            ? new Rejection(RejectionReasons.MalformedPayload, $"Invoice {record.InvoiceNumber}: the discount date {until:yyyy-MM-dd} must lie between the invoice date {record.InvoiceDate:yyyy-MM-dd} and the due date {record.DueDate:yyyy-MM-dd}.")
            : null;
    }

    protected override BatchOperation ToOperation(ErpReceivable record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.InvoiceNumber] = record.InvoiceNumber,
            [Schema.InvoiceDate] = ODataKey.Date(record.InvoiceDate),
            [Schema.DueDate] = ODataKey.Date(record.DueDate),
            [Schema.Amount] = record.Amount,
            [Schema.OpenAmount] = record.OpenAmount,
            [Schema.SettledOn] = record.SettledOn is { } settled ? ODataKey.Date(settled) : null,
            [Schema.IsDisputed] = record.IsDisputed,
            [Schema.DiscountPercent] = record.DiscountPercent,
            [Schema.DiscountDate] = record.DiscountDate is { } until ? ODataKey.Date(until) : null,
        };
        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        return BatchOperation.Upsert(ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.ErpId))), body);
    }
}
