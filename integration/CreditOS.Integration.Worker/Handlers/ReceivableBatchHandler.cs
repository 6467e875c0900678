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

        return RecordRules.PositiveAmount(record.Amount, "invoice") ?? RecordRules.SameCurrency(record.CurrencyCode, account, "invoice");
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
        };
        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        return BatchOperation.Upsert(ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.ErpId))), body);
    }
}
