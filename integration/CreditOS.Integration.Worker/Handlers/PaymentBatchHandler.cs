using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Payment;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>ERP payments → cos_payment, upserted by (source system, ERP id); the plugin rescores the account.</summary>
public sealed class PaymentBatchHandler(AdapterSet<ErpPayment> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<ErpPayment>(adapters, accounts, dataverse)
{
    protected override string CustomerNumber(ErpPayment record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(ErpPayment record) =>
        RecordRules.AddressableKey("source system", record.SourceSystem, "the integration's configuration")
        ?? RecordRules.AddressableKey("ERP payment id", record.ErpId, record.SourceSystem);

    protected override Rejection? Validate(ErpPayment record, AccountReference account) =>
        RecordRules.PositiveAmount(record.Amount, "payment") ?? RecordRules.SameCurrency(record.CurrencyCode, account, "payment");

    protected override BatchOperation ToOperation(ErpPayment record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.Amount] = record.Amount,
            [Schema.PaymentDate] = ODataKey.Date(record.PaymentDate),
            [Schema.AppliedInvoices] = string.Join(';', record.AppliedInvoiceIds),
        };
        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        return BatchOperation.Upsert(ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.ErpId))), body);
    }
}
