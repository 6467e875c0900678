using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Payloads a faulty ERP stream carries: wrong JSON types, missing fields, amounts written with a decimal comma or more
/// decimals than their currency keeps, unknown currencies. Each is dead-lettered with a reason that states the figures,
/// and none is written: read loosely, "100,50" would post 10,050.00 and an "Items" string would post the payment as
/// unapplied cash, and Dataverse would round 100.125 EUR to 100.13 (so an identical redelivery would read back changed).
/// </summary>
public sealed class FaultyPayloadTests : IAsyncLifetime
{
    private const string Advice = """{"PaymentAdvice":{"CompanyCode":"1000","FiscalYear":"2026","DocumentNumber":"1","Customer":"C-1001","Amount":"10.00","Currency":"EUR","ValueDate":"2026-11-20","Items":[{"InvoiceReference":"90000001"}]}}""";
    private FakeDataverseEndpoint _endpoint = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeDataverseEndpoint.StartAsync();
        _endpoint.AddAccount("C-1001");
        _endpoint.AddAccount("JP-01", FakeDataverseEndpoint.Yen);
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private Task<IReadOnlyList<SettleDecision>> HandleAsync(QueueKind queue, params InboundMessage[] messages) => _worker.HandleAsync(queue, messages);

    [Theory]
    [InlineData("\"Amount\":\"10.00\"", "\"Amount\":true", "field 'Amount' value 'true' is not a number")]
    [InlineData("\"Amount\":\"10.00\"", "\"Amount\":{\"value\":10}", "field 'Amount' is a JSON object")]
    [InlineData("\"Amount\":\"10.00\"", "\"Amount\":\"1,000.00\"", "field 'Amount' value '1,000.00' is not a number")]
    [InlineData("\"Amount\":\"10.00\"", "\"Amount\":\"1e3\"", "field 'Amount' value '1e3' is not a number")]
    [InlineData("\"Customer\":\"C-1001\",", "", "field 'Customer' is missing")]
    [InlineData("\"Currency\":\"EUR\",", "", "field 'Currency' is missing")]
    [InlineData("\"Customer\":\"C-1001\"", "\"Customer\":[\"C-1001\"]", "field 'Customer' is a JSON array")]
    [InlineData("\"ValueDate\":\"2026-11-20\"", "\"ValueDate\":\"20.11.2026\"", "field 'ValueDate' value '20.11.2026' is not a date")]
    [InlineData("\"Items\":[{\"InvoiceReference\":\"90000001\"}]", "\"Items\":\"90000001\"", "field 'Items' is a JSON string, not an array")]
    [InlineData("\"Items\":[{\"InvoiceReference\":\"90000001\"}]", "\"Items\":[\"90000001\"]", "an entry of 'Items' is not an object")]
    [InlineData("\"Items\":[{\"InvoiceReference\":\"90000001\"}]", "\"Items\":[{\"Invoice\":\"90000001\"}]", "field 'InvoiceReference' is missing")]
    public async Task PaymentWithAWrongTypeOrAMissingField_IsDeadLetteredNamingTheField_AndNothingIsWritten(string field, string replacement, string expected)
    {
        Assert.Contains(field, Advice, StringComparison.Ordinal);

        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Advice.Replace(field, replacement, StringComparison.Ordinal)))).Single();

        Assert.Equal(SettleKind.DeadLetter, decision.Kind);
        Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason);
        Assert.Contains(expected, decision.Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"PaymentAdvice\":{\"CompanyCode\":\"1000\"")]
    [InlineData("[]")]
    [InlineData("{\"Payment\":{}}")]
    public async Task PaymentThatIsNoPaymentAdvice_IsDeadLetteredAsMalformed(string body)
    {
        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", body))).Single();

        Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason);
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task LegacyAmountWithADecimalComma_IsRefused_NeverReadAsAHundredTimesTheMoney()
    {
        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date;invoices\nP-9;C-1001;100,50;EUR;2026-11-22;L-1"))).Single();

        Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason);
        Assert.Contains("field 'amount' value '100,50' is not a number", decision.Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task AmountsWithMoreDecimalsThanTheirCurrencyKeeps_AreRefusedWithTheFigures_TrailingZerosAreNot()
    {
        var decisions = await HandleAsync(
            QueueKind.Payments,
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000001", "C-1001", 100.125m)),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000002", "C-1001", 100.100m)),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000003", "JP-01", 1500.5m, "JPY")),
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000004", "JP-01", 1500m, "JPY")));

        Assert.Equal([SettleKind.DeadLetter, SettleKind.Complete, SettleKind.DeadLetter, SettleKind.Complete], decisions.Select(decision => decision.Kind));
        Assert.Equal(RejectionReasons.MalformedPayload, decisions[0].Reason);
        Assert.Contains("payment SAP/1000-2026-1400000001 amount 100.125 EUR has more decimals than EUR keeps in Dataverse (2); it would be stored as 100.13", decisions[0].Description, StringComparison.Ordinal);
        Assert.Contains("payment SAP/1000-2026-1400000003 amount 1500.5 JPY has more decimals than JPY keeps in Dataverse (0); it would be stored as 1501", decisions[2].Description, StringComparison.Ordinal);
        Assert.Equal(
            ["cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1400000002')", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1400000004')"],
            _endpoint.Rows.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InvoiceWhoseOpenAmountHasMoreDecimalsThanTheCurrencyKeeps_IsRefused()
    {
        var decision = (await HandleAsync(QueueKind.Receivables, Payloads.Inbound("sap.open-item", Payloads.SapOpenItem("9000000071", "C-1001", 100m, 99.999m)))).Single();

        Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason);
        Assert.Contains("invoice SAP/1000-2026-9000000071 open amount 99.999 EUR has more decimals than EUR keeps in Dataverse (2)", decision.Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task PaymentInAnUnknownCurrency_IsACurrencyMismatch_NamingThePaymentItsAmountAndBothCurrencies()
    {
        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000005", "C-1001", 42.5m, "XYZ")))).Single();

        Assert.Equal(RejectionReasons.CurrencyMismatch, decision.Reason);
        Assert.Contains("The payment SAP/1000-2026-1400000005 of 42.5 is in XYZ but account C-1001 trades in EUR", decision.Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }
}
