using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Payments;
using CreditOS.Integration.Worker.Messages.Adapters.Receivables;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Early-payment discounts from the ERP: an open item's cash-discount terms land on cos_receivable, a payment advice's
/// discount taken on cos_payment; bad terms or a discount with nothing to settle are dead-lettered with the figures,
/// and a redelivered payment with another discount is a conflict, never an overwrite. Every format the worker accepts
/// carries them: SAP (CashDiscountPercent/CashDiscountDate, CashDiscountTaken), the legacy CSVs (discount_percent/
/// discount_date, discount_taken) and Dynamics 365 Finance's payment journal line (CashDiscountAmount).
/// </summary>
public sealed class EarlyPaymentDiscountMappingTests : IAsyncLifetime
{
    private const string ReceivableKey = "cos_receivables(cos_sourcesystem='SAP',cos_erpid='1000-2026-1800000001')";
    private const string PaymentKey = "cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1400000921')";

    private FakeDataverseEndpoint _endpoint = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeDataverseEndpoint.StartAsync();
        _endpoint.AddAccount("C-1001");
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public void SapOpenItem_WithCashDiscount_CarriesItsPercentAndDate()
    {
        var adapters = new AdapterSet<ErpReceivable>([new SapOpenItemAdapter()]);

        var receivable = adapters.Adapt(Payloads.Inbound("sap.open-item", OpenItemWithDiscount("\"2\"", "\"2026-10-11\""))).Value!;

        Assert.Equal((2m, new DateOnly(2026, 10, 11)), (receivable.DiscountPercent, receivable.DiscountDate));
    }

    [Fact]
    public void SapPaymentAdvice_WithCashDiscountTaken_CarriesIt_AndWithoutItTakesNone()
    {
        var adapters = new AdapterSet<ErpPayment>([new SapPaymentAdviceAdapter()]);

        var discounted = adapters.Adapt(Payloads.Inbound("sap.payment-advice", AdviceWithDiscount("\"19.60\""))).Value!;
        var plain = adapters.Adapt(Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 980m))).Value!;

        Assert.Equal(19.60m, discounted.DiscountTaken);
        Assert.Equal(0m, plain.DiscountTaken);
    }

    [Fact]
    public async Task AnOpenItemsDiscountTerms_AreWrittenToTheReceivable()
    {
        var decision = (await HandleAsync(QueueKind.Receivables, Payloads.Inbound("sap.open-item", OpenItemWithDiscount("\"2\"", "\"2026-10-11\"")))).Single();

        Assert.Equal(SettleKind.Complete, decision.Kind);
        var row = _endpoint.Rows[ReceivableKey];
        Assert.Equal((2m, "2026-10-11"), (row["cos_discountpercent"]!.GetValue<decimal>(), row["cos_discountdate"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("\"2\"", "null", "both its percent and its discount date")]
    [InlineData("\"100\"", "\"2026-10-11\"", "must be at least 0 and below 100")]
    [InlineData("\"-1\"", "\"2026-10-11\"", "must be at least 0 and below 100")]
    [InlineData("\"2\"", "\"2026-11-15\"", "the discount date 2026-11-15 must lie between the invoice date 2026-10-01 and the due date 2026-10-31")]
    public async Task BadDiscountTerms_AreDeadLettered_SayingWhat(string percent, string date, string expected)
    {
        var decision = (await HandleAsync(QueueKind.Receivables, Payloads.Inbound("sap.open-item", OpenItemWithDiscount(percent, date)))).Single();

        Assert.Equal(SettleKind.DeadLetter, decision.Kind);
        Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason);
        Assert.Contains(expected, decision.Description, StringComparison.Ordinal);
        Assert.False(_endpoint.Rows.ContainsKey(ReceivableKey));
    }

    [Fact]
    public async Task APaymentsDiscountTaken_IsWrittenToThePayment()
    {
        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", AdviceWithDiscount("\"19.60\"")))).Single();

        Assert.Equal(SettleKind.Complete, decision.Kind);
        Assert.Equal(19.60m, _endpoint.Rows[PaymentKey]["cos_discounttaken"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ANegativeDiscount_OrOneWithoutInvoices_IsDeadLettered()
    {
        var negative = AdviceWithDiscount("\"-5\"");
        var withoutInvoices = AdviceWithDiscount("\"19.60\"").Replace("\"Items\":[{\"InvoiceReference\":\"90000001\",\"Amount\":\"980\"}]", "\"Items\":[]", StringComparison.Ordinal);

        var decisions = await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", negative), Payloads.Inbound("sap.payment-advice", withoutInvoices.Replace("1400000921", "1400000922", StringComparison.Ordinal)));

        Assert.All(decisions, decision => Assert.Equal(SettleKind.DeadLetter, decision.Kind));
        Assert.Contains("must not be negative", decisions[0].Description, StringComparison.Ordinal);
        Assert.Contains("names no invoices", decisions[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedeliveredPayment_WithAnotherDiscount_IsAConflict_NotAnOverwrite()
    {
        await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", AdviceWithDiscount("\"19.60\"")));

        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 980m)))).Single();

        Assert.Equal(SettleKind.DeadLetter, decision.Kind);
        Assert.Equal(RejectionReasons.PostedPaymentChanged, decision.Reason);
        Assert.Contains("was posted with a discount taken of 19.60; the ERP now says 0.00", decision.Description, StringComparison.Ordinal);
        Assert.Equal(19.60m, _endpoint.Rows[PaymentKey]["cos_discounttaken"]!.GetValue<decimal>());
    }

    [Fact]
    public void LegacyReceivableCsv_WithDiscountColumns_CarriesItsPercentAndDate_AndWithoutThemNone()
    {
        var adapters = new AdapterSet<ErpReceivable>([new LegacyCsvReceivableAdapter()]);

        var discounted = adapters.Adapt(Payloads.Inbound("legacy.receivable-csv", LegacyReceivableWithDiscount("1.5", "2026-09-11"))).Value!;
        var plain = adapters.Adapt(Payloads.Inbound("legacy.receivable-csv", Payloads.LegacyReceivableCsv("I-9", "C-1001", 400m, 400m))).Value!;

        Assert.Equal((1.5m, new DateOnly(2026, 9, 11)), (discounted.DiscountPercent, discounted.DiscountDate));
        Assert.Equal((null, null), (plain.DiscountPercent, plain.DiscountDate));
    }

    [Fact]
    public async Task ALegacyInvoicesDiscountTerms_AreWrittenToTheReceivable_AndBadTermsDeadLettered()
    {
        var decisions = await HandleAsync(
            QueueKind.Receivables,
            Payloads.Inbound("legacy.receivable-csv", LegacyReceivableWithDiscount("1.5", "2026-09-11")),
            Payloads.Inbound("legacy.receivable-csv", LegacyReceivableWithDiscount("2", string.Empty).Replace("I-9;", "I-10;", StringComparison.Ordinal)));

        Assert.Equal([SettleKind.Complete, SettleKind.DeadLetter], decisions.Select(d => d.Kind));
        var row = _endpoint.Rows["cos_receivables(cos_sourcesystem='LEGACY',cos_erpid='I-9')"];
        Assert.Equal((1.5m, "2026-09-11"), (row["cos_discountpercent"]!.GetValue<decimal>(), row["cos_discountdate"]!.GetValue<string>()));
        Assert.Contains("both its percent and its discount date (got a percent only)", decisions[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void LegacyPaymentCsv_AndFinanceJournalLine_CarryTheDiscountTaken_AndWithoutItNone()
    {
        var adapters = new AdapterSet<ErpPayment>([new LegacyCsvPaymentAdapter(), new FinanceCustomerPaymentJournalAdapter()]);

        var legacy = adapters.Adapt(Payloads.Inbound("legacy.payment-csv", LegacyPaymentWithDiscount("12.50"))).Value!;
        var finance = adapters.Adapt(Payloads.Inbound("d365fin.customer-payment-journal-line", FinanceLineWithDiscount("19.6"))).Value!;
        var plainLegacy = adapters.Adapt(Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv("P-1", "C-1001", 980m))).Value!;
        var plainFinance = adapters.Adapt(Payloads.Inbound("d365fin.customer-payment-journal-line", Payloads.FinanceJournalLine("1", "C-1001", 980m))).Value!;

        Assert.Equal((12.50m, 19.6m), (legacy.DiscountTaken, finance.DiscountTaken));
        Assert.Equal((0m, 0m), (plainLegacy.DiscountTaken, plainFinance.DiscountTaken));
    }

    [Fact]
    public async Task TheDiscountTaken_OfALegacyAndAFinancePayment_IsWrittenToThePayment_AndANegativeOneDeadLettered()
    {
        var decisions = await HandleAsync(
            QueueKind.Payments,
            Payloads.Inbound("legacy.payment-csv", LegacyPaymentWithDiscount("12.50")),
            Payloads.Inbound("d365fin.customer-payment-journal-line", FinanceLineWithDiscount("19.6")),
            Payloads.Inbound("d365fin.customer-payment-journal-line", FinanceLineWithDiscount("-3").Replace("\"LineNumber\":1", "\"LineNumber\":2", StringComparison.Ordinal)));

        Assert.Equal([SettleKind.Complete, SettleKind.Complete, SettleKind.DeadLetter], decisions.Select(d => d.Kind));
        Assert.Equal(12.50m, _endpoint.Rows["cos_payments(cos_sourcesystem='LEGACY',cos_erpid='P-1')"]["cos_discounttaken"]!.GetValue<decimal>());
        Assert.Equal(19.6m, _endpoint.Rows["cos_payments(cos_sourcesystem='D365FIN',cos_erpid='USMF-CPJ-0042-1')"]["cos_discounttaken"]!.GetValue<decimal>());
        Assert.Contains("must not be negative", decisions[2].Description, StringComparison.Ordinal);
    }

    private static string LegacyReceivableWithDiscount(string percent, string date)
    {
        var lines = Payloads.LegacyReceivableCsv("I-9", "C-1001", 400m, 400m).Split('\n');
        return lines[0] + ";discount_percent;discount_date\n" + lines[1] + ";" + percent + ";" + date;
    }

    private static string LegacyPaymentWithDiscount(string taken)
    {
        var lines = Payloads.LegacyPaymentCsv("P-1", "C-1001", 980m).Split('\n');
        return lines[0] + ";discount_taken\n" + lines[1] + ";" + taken;
    }

    private static string FinanceLineWithDiscount(string taken) =>
        Payloads.FinanceJournalLine("1", "C-1001", 980m).Replace("\"MarkedInvoice\":", "\"CashDiscountAmount\":" + taken + ",\"MarkedInvoice\":", StringComparison.Ordinal);

    private static string OpenItemWithDiscount(string percent, string date) =>
        Payloads.SapOpenItem("1800000001", "C-1001", 500m, 500m)
            .Replace("\"Disputed\":\"\"", $"\"Disputed\":\"\",\"CashDiscountPercent\":{percent},\"CashDiscountDate\":{date}", StringComparison.Ordinal);

    private static string AdviceWithDiscount(string taken) =>
        Payloads.SapPaymentAdvice("1400000921", "C-1001", 980m)
            .Replace("\"ValueDate\":", $"\"CashDiscountTaken\":{taken},\"ValueDate\":", StringComparison.Ordinal);

    private Task<IReadOnlyList<SettleDecision>> HandleAsync(QueueKind kind, params InboundMessage[] messages) => _worker.HandleAsync(kind, messages);
}
