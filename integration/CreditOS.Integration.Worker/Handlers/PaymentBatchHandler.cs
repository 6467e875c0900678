using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Payment;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// ERP payments → cos_payment, created once by (source system, ERP id); the posting plugin applies the payment and
/// rescores the account. A payment id that already exists is read back: the same content is a redelivery (completed,
/// nothing written), different content is dead-lettered as <see cref="RejectionReasons.PostedPaymentChanged"/>.
/// </summary>
public sealed class PaymentBatchHandler(AdapterSet<ErpPayment> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<ErpPayment>(adapters, accounts, dataverse)
{
    /// <summary>The posting's refusal of a payment naming invoices the account does not have (it can pass by itself).</summary>
    public static readonly string NotOpenSubErrorCode = CreditOS.CreditEngine.Ledger.InvoiceReferences.NotOpenErrorCode.ToString(CultureInfo.InvariantCulture);

    protected override string CustomerNumber(ErpPayment record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(ErpPayment record) =>
        RecordRules.AddressableKey("source system", record.SourceSystem, "the integration's configuration")
        ?? RecordRules.AddressableKey("ERP payment id", record.ErpId, record.SourceSystem)
        ?? record.AppliedInvoiceIds.Select(id => RecordRules.NameableInvoice($"invoice named by payment {record.SourceSystem}/{record.ErpId}", id)).FirstOrDefault(rejection => rejection is not null);

    protected override IEnumerable<(string What, DateOnly Date)> Dates(ErpPayment record) =>
        [($"payment {record.SourceSystem}/{record.ErpId} payment date", record.PaymentDate)];

    protected override Rejection? Validate(ErpPayment record, AccountReference account) =>
        RecordRules.PositiveAmount(record.Amount, $"payment {record.SourceSystem}/{record.ErpId}") ?? DiscountTaken(record)
        ?? RecordRules.SameCurrency(record.CurrencyCode, account, string.Create(CultureInfo.InvariantCulture, $"payment {record.SourceSystem}/{record.ErpId} of {record.Amount}"))
        ?? RecordRules.CurrencyDecimals(record.Amount, account, $"payment {record.SourceSystem}/{record.ErpId} amount")
        ?? RecordRules.CurrencyDecimals(record.DiscountTaken, account, $"payment {record.SourceSystem}/{record.ErpId} discount taken");

    /// <summary>A discount taken is never negative and is taken on invoices: without any named it would settle nothing.</summary>
    private static Rejection? DiscountTaken(ErpPayment record) => record.DiscountTaken switch
    {
        < 0 => new Rejection(RejectionReasons.MalformedPayload, $"Payment {record.ErpId}: the discount taken {record.DiscountTaken} must not be negative."),
        > 0 when record.AppliedInvoiceIds.Count == 0 => new Rejection(RejectionReasons.MalformedPayload, $"Payment {record.ErpId}: a discount taken of {record.DiscountTaken} names no invoices it was taken on."),
        _ => null,
    };

    protected override BatchOperation ToOperation(ErpPayment record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.Name] = record.ErpId,
            [Schema.Amount] = record.Amount,
            [Schema.PaymentDate] = ODataKey.Date(record.PaymentDate),
            [Schema.AppliedInvoices] = string.Join(';', record.AppliedInvoiceIds),
        };
        if (record.DiscountTaken > 0)
        {
            body[Schema.DiscountTaken] = record.DiscountTaken;
        }

        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        // With the error details, so the posting's refusal of a payment naming invoices the account does not have is
        // told apart by its code (RefusedAsync).
        var create = BatchOperation.CreateOnly(KeyedUrl(record), body);
        var headers = new Dictionary<string, string>(create.Headers!, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in BatchOperation.ErrorDetailsPreference)
        {
            headers[name] = value;
        }

        return create with { Headers = headers };
    }

    protected override async Task<SettleDecision?> AlreadyWrittenAsync(ErpPayment record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        JsonObject posted;
        AccountReference account;
        try
        {
            posted = await Dataverse.GetAsync($"{KeyedUrl(record)}?$select={PostedPaymentComparison.SelectColumns}", cancellationToken).ConfigureAwait(false);
            account = (await Accounts.FindAsync([record.CustomerNumber], cancellationToken).ConfigureAwait(false))[record.CustomerNumber];
        }
        catch (Exception exception) when (exception is DataverseException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return SettleDecision.Abandon($"the posted payment could not be read: {exception.Message}");
        }

        return PostedPaymentComparison.Compare(record, account.AccountId, posted) is { } conflict
            ? DeadLetterFor(conflict, record)
            : SettleDecision.Complete();
    }

    /// <summary>
    /// A payment refused while an invoice it names is not yet a receivable of its account: invoices and payments travel
    /// on different queues, so the payment may simply have overtaken its invoice. It is abandoned (Service Bus delivers it
    /// again, and the pump pauses first) instead of dead-lettered; an invoice that never comes ends in the dead-letter
    /// queue after the entity's MaxDeliveryCount, carrying this reason (LastAbandonReason). A named invoice that is in
    /// Dataverse but another customer's will never become this customer's (an invoice stays with its customer:
    /// InvoiceOwnership), so that payment is dead-lettered at once as <see cref="RejectionReasons.InvoiceOfAnotherCustomer"/>
    /// with both customers and the invoice's figures, instead of being delivered MaxDeliveryCount times for nothing.
    /// Refusals for any other reason (sanity limits, a discount beyond the invoices) are dead-lettered with Dataverse's
    /// figures. One read, only on a refusal (and one more to name the other customer).
    /// </summary>
    protected override async Task<SettleDecision?> RefusedAsync(ErpPayment record, BatchOperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.AppliedInvoiceIds.Count == 0)
        {
            return null;
        }

        // Invoice numbers compared as Dataverse compares text: without regard to case.
        var named = record.AppliedInvoiceIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        List<string> missing;
        List<string> elsewhere;
        try
        {
            var account = (await Accounts.FindAsync([record.CustomerNumber], cancellationToken).ConfigureAwait(false))[record.CustomerNumber];
            // One In condition whatever the number of invoices: one "eq" per invoice joined by "or" counted each against the
            // 500-condition limit (TooManyConditionsInQuery 0x8004430C; "You might be able to reduce the number of conditions by
            // using the in operator", Filter rows using FetchXml), which a payment of many short invoice numbers exceeded.
            var filter = $"Microsoft.Dynamics.CRM.In(PropertyName='{DataverseSchema.Receivable.ErpId}',PropertyValues=[{string.Join(',', named.Select(ODataKey.JsonStringValue))}])";
            var accountValue = "_" + DataverseSchema.Receivable.Account + "_value";
            var answer = await Dataverse.GetAsync($"{DataverseSchema.Receivable.EntitySet}?$select={DataverseSchema.Receivable.ErpId},{accountValue},{DataverseSchema.Receivable.Amount},{DataverseSchema.Receivable.OpenAmount}&$filter={filter}", cancellationToken).ConfigureAwait(false);
            var rows = (answer["value"]?.AsArray().OfType<JsonObject>() ?? []).ToList();
            var present = rows
                .Where(row => row[accountValue]?.GetValue<Guid>() == account.AccountId)
                .Select(row => row[DataverseSchema.Receivable.ErpId]?.GetValue<string>())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            missing = named.Where(id => !present.Contains(id)).ToList();
            var others = rows
                .Where(row => row[accountValue]?.GetValue<Guid>() is { } owner && owner != account.AccountId && row[DataverseSchema.Receivable.ErpId]?.GetValue<string>() is { } id && missing.Contains(id, StringComparer.OrdinalIgnoreCase))
                .ToList();
            elsewhere = [];
            foreach (var row in others)
            {
                var owner = row[accountValue]!.GetValue<Guid>();
                var ownerAnswer = await Dataverse.GetAsync($"{DataverseSchema.Account.EntitySet}({owner})?$select={DataverseSchema.Account.AccountNumber}", cancellationToken).ConfigureAwait(false);
                elsewhere.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row[DataverseSchema.Receivable.ErpId]!.GetValue<string>()} (amount {Money(row[DataverseSchema.Receivable.Amount])}, open {Money(row[DataverseSchema.Receivable.OpenAmount])}) is customer {ownerAnswer[DataverseSchema.Account.AccountNumber]?.GetValue<string>() ?? owner.ToString()}'s"));
            }
        }
        catch (Exception exception) when (exception is DataverseException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return SettleDecision.Abandon($"Dataverse refused payment {record.SourceSystem}/{record.ErpId} and its invoices could not be read: {exception.Message}");
        }

        if (elsewhere.Count > 0)
        {
            return DeadLetterFor(
                new Rejection(
                    RejectionReasons.InvoiceOfAnotherCustomer,
                    string.Create(CultureInfo.InvariantCulture, $"Payment {record.SourceSystem}/{record.ErpId} of {record.Amount} {record.CurrencyCode} from customer {record.CustomerNumber} names invoice(s) of another customer: {string.Join("; ", elsewhere)}. An invoice stays with its customer; correct the payment's customer or its invoices in the ERP (Dataverse said: {result.ErrorMessage})")),
                record);
        }

        if (missing.Count == 0 && result.SubErrorCode == NotOpenSubErrorCode)
        {
            // The posting found the invoice missing, and it is there now: the receivables queue wrote it between the
            // refusal and this read (seen in the session-17 soak: a payment racing its invoice was dead-lettered
            // DataverseRejected). The next delivery posts the payment.
            return SettleDecision.Abandon(string.Create(
                CultureInfo.InvariantCulture,
                $"Payment {record.SourceSystem}/{record.ErpId} of {record.Amount} {record.CurrencyCode} was refused for naming invoice(s) {string.Join(", ", named)} that customer {record.CustomerNumber} did not have, and they are in Dataverse now (written meanwhile); delivered again to be posted (Dataverse said: {result.ErrorMessage})"));
        }

        return missing.Count == 0
            ? null
            : SettleDecision.Wait(string.Create(
                CultureInfo.InvariantCulture,
                $"Payment {record.SourceSystem}/{record.ErpId} of {record.Amount} {record.CurrencyCode} names invoice(s) {string.Join(", ", missing)} that customer {record.CustomerNumber} does not have in Dataverse yet; delivered again until the invoice arrives (Dataverse said: {result.ErrorMessage})"));
    }

    private static string Money(JsonNode? value) => (value?.GetValue<decimal>() ?? 0m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string KeyedUrl(ErpPayment record) =>
        ODataKey.For(Schema.EntitySet, (Schema.SourceSystem, ODataKey.Text(record.SourceSystem)), (Schema.ErpId, ODataKey.Text(record.ErpId)));
}
