using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>Payments through adapters, account checks and the Web API, decided per message.</summary>
public sealed class PaymentHandlerTests : IAsyncLifetime
{
    private FakeDataverseEndpoint _endpoint = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeDataverseEndpoint.StartAsync();
        _endpoint.AddAccount("C-1001");
        _endpoint.AddAccount("US-004", FakeDataverseEndpoint.Dollar);
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private Task<IReadOnlyList<SettleDecision>> HandleAsync(params InboundMessage[] messages) => _worker.HandleAsync(QueueKind.Payments, messages);

    [Fact]
    public async Task ValidPayments_InEachFormat_AreUpsertedAndCompleted()
    {
        var decisions = await HandleAsync(
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000001", "C-1001", 100m)),
            Payloads.Inbound("d365fin.customer-payment-journal-line", Payloads.FinanceJournalLine("1", "US-004", 50m, "USD")),
            Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv("P-1", "C-1001", 25m)));

        Assert.All(decisions, decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        var row = _endpoint.Rows["cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1400000001')"];
        Assert.Equal(100m, row["cos_amount"]!.GetValue<decimal>());
        // Named by its ERP id, so a released order's reason and every view show the payment as Finance knows it.
        Assert.Equal("1000-2026-1400000001", row["cos_name"]!.GetValue<string>());
        Assert.Equal("2026-11-20", row["cos_paymentdate"]!.GetValue<string>());
        Assert.Equal("90000001", row["cos_appliedinvoices"]!.GetValue<string>());
        // Bound by the navigation property names Dataverse declares for these custom relationships: the lookups' schema names.
        Assert.StartsWith("/accounts(", row["cos_AccountId@odata.bind"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/transactioncurrencies({FakeDataverseEndpoint.Euro:D})", row["TransactionCurrencyId@odata.bind"]!.GetValue<string>());
        Assert.False(row.ContainsKey("cos_accountid@odata.bind"));
        Assert.False(row.ContainsKey("transactioncurrencyid@odata.bind"));
        Assert.True(_endpoint.Rows.ContainsKey("cos_payments(cos_sourcesystem='D365FIN',cos_erpid='USMF-CPJ-0042-1')"));
        Assert.True(_endpoint.Rows.ContainsKey("cos_payments(cos_sourcesystem='LEGACY',cos_erpid='P-1')"));
    }

    [Fact]
    public async Task InvalidPayments_AreDeadLetteredWithActionableReasons_AndNothingIsWritten()
    {
        var decisions = await HandleAsync(
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1", "C-404", 100m)),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("2", "C-1001", 0m)),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("3", "C-1001", -5m)),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("4", "C-1001", 100m, "USD")),
            Payloads.Inbound("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date\n;C-1001;1;EUR;2026-11-22"),
            Payloads.Inbound("sap.payment-advice", "{oops"));

        Assert.All(decisions, decision => Assert.Equal(SettleKind.DeadLetter, decision.Kind));
        Assert.Equal(
            [RejectionReasons.UnknownCustomer, RejectionReasons.NonPositiveAmount, RejectionReasons.NonPositiveAmount, RejectionReasons.CurrencyMismatch, RejectionReasons.MissingErpId, RejectionReasons.MalformedPayload],
            decisions.Select(decision => decision.Reason));
        Assert.Contains("C-404", decisions[0].Description, StringComparison.Ordinal);
        Assert.Contains("USD", decisions[3].Description, StringComparison.Ordinal);
        Assert.Contains("EUR", decisions[3].Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task DuplicatePayment_UpdatesTheSameRow_NeverASecondOne()
    {
        var payment = Payloads.SapPaymentAdvice("1400000009", "C-1001", 75m);

        await HandleAsync(Payloads.Inbound("sap.payment-advice", payment), Payloads.Inbound("sap.payment-advice", payment));
        await HandleAsync(Payloads.Inbound("sap.payment-advice", payment));

        Assert.Single(_endpoint.Rows);
    }

    [Fact]
    public async Task DataverseUnavailable_AbandonsValidPayments_DeadLettersOnlyInvalidOnes()
    {
        _endpoint.FailNextBatches(System.Net.HttpStatusCode.ServiceUnavailable, 50);

        var decisions = await HandleAsync(
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1", "C-1001", 100m)),
            Payloads.Inbound("sap.payment-advice", "{oops"));

        Assert.Equal([SettleKind.Abandon, SettleKind.DeadLetter], decisions.Select(decision => decision.Kind));
    }

    [Theory]
    [InlineData("1400/01")]
    [InlineData("1400:01")]
    [InlineData("1400+01")]
    [InlineData("1400%01")]
    [InlineData("1400&01")]
    public async Task ErpIdWithACharacterDataverseCannotResolveInAKey_IsDeadLetteredWithTheReason_AndNothingIsSent(string erpId)
    {
        var decisions = await HandleAsync(
            Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv(erpId, "C-1001", 25m)),
            Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv("P-ok", "C-1001", 25m)));

        Assert.Equal([SettleKind.DeadLetter, SettleKind.Complete], decisions.Select(decision => decision.Kind));
        Assert.Equal(RejectionReasons.UnaddressableKey, decisions[0].Reason);
        Assert.Contains(erpId, decisions[0].Description, StringComparison.Ordinal);
        Assert.Equal(["cos_payments(cos_sourcesystem='LEGACY',cos_erpid='P-ok')"], _endpoint.Rows.Keys);
    }
}
