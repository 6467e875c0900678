using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Payments;
using CreditOS.Integration.Worker.Messages.Canonical;

namespace CreditOS.Integration.Tests.Adapters;

public sealed class PaymentAdapterTests
{
    private readonly AdapterSet<ErpPayment> _adapters = new([new SapPaymentAdviceAdapter(), new FinanceCustomerPaymentJournalAdapter(), new LegacyCsvPaymentAdapter()]);

    [Fact]
    public void SapPaymentAdvice_BecomesCanonicalPayment()
    {
        var adapted = _adapters.Adapt(Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000123", "C-1001", 1250.50m)));

        Assert.True(adapted.IsValid, adapted.Rejection?.Description);
        Assert.Equal(new ErpPayment("SAP", "1000-2026-1400000123", "C-1001", 1250.50m, "EUR", new DateOnly(2026, 11, 20), adapted.Value!.AppliedInvoiceIds), adapted.Value);
        Assert.Equal(["90000001"], adapted.Value.AppliedInvoiceIds);
    }

    [Fact]
    public void FinanceJournalLine_BecomesCanonicalPayment()
    {
        var adapted = _adapters.Adapt(Payloads.Inbound("d365fin.customer-payment-journal-line", Payloads.FinanceJournalLine("7", "US-004", 99.95m, "usd")));

        var payment = Assert.IsType<ErpPayment>(adapted.Value);
        Assert.Equal("D365FIN", payment.SourceSystem);
        Assert.Equal("USMF-CPJ-0042-7", payment.ErpId);
        Assert.Equal("US-004", payment.CustomerNumber);
        Assert.Equal(99.95m, payment.Amount);
        Assert.Equal("USD", payment.CurrencyCode);
        Assert.Equal(new DateOnly(2026, 11, 21), payment.PaymentDate);
        Assert.Equal(["INV-1", "INV-2"], payment.AppliedInvoiceIds);
    }

    [Fact]
    public void LegacyCsvLine_BecomesCanonicalPayment()
    {
        var adapted = _adapters.Adapt(Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv("P-77", "C-1002", 10m)));

        var payment = Assert.IsType<ErpPayment>(adapted.Value);
        Assert.Equal(("LEGACY", "P-77", "C-1002", 10m), (payment.SourceSystem, payment.ErpId, payment.CustomerNumber, payment.Amount));
        Assert.Equal(["L-1", "L-2"], payment.AppliedInvoiceIds);
    }

    [Theory]
    [InlineData("sap.payment-advice", "{\"PaymentAdvice\":{\"CompanyCode\":\"1000\",\"FiscalYear\":\"2026\",\"Customer\":\"C\",\"Amount\":\"1\",\"Currency\":\"EUR\",\"ValueDate\":\"2026-11-20\"}}")]
    [InlineData("d365fin.customer-payment-journal-line", "{\"dataAreaId\":\"usmf\",\"LineNumber\":1,\"AccountDisplayValue\":\"C\",\"CreditAmount\":1,\"CurrencyCode\":\"EUR\",\"TransactionDate\":\"2026-11-21\"}")]
    [InlineData("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date\n;C;1;EUR;2026-11-22")]
    public void MissingErpId_IsRejectedAsMissingErpId(string subject, string body)
    {
        var adapted = _adapters.Adapt(Payloads.Inbound(subject, body));

        Assert.False(adapted.IsValid);
        Assert.Equal(RejectionReasons.MissingErpId, adapted.Rejection!.Reason);
        Assert.Contains("ERP id", adapted.Rejection.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sap.payment-advice", "not json at all")]
    [InlineData("sap.payment-advice", "{\"Payment\":{}}")]
    [InlineData("sap.payment-advice", "{\"PaymentAdvice\":{\"CompanyCode\":\"1000\",\"FiscalYear\":\"2026\",\"DocumentNumber\":\"1\",\"Customer\":\"C\",\"Amount\":\"one\",\"Currency\":\"EUR\",\"ValueDate\":\"2026-11-20\"}}")]
    [InlineData("d365fin.customer-payment-journal-line", "{\"dataAreaId\":\"usmf\",\"JournalBatchNumber\":\"B\",\"LineNumber\":1,\"AccountDisplayValue\":\"C\",\"CreditAmount\":1,\"CurrencyCode\":\"EUR\",\"TransactionDate\":\"21.11.2026\"}")]
    [InlineData("legacy.payment-csv", "payment_id;customer_no;amount\nP-1;C")]
    public void MalformedPayload_IsRejectedWithTheProblemNamed(string subject, string body)
    {
        var adapted = _adapters.Adapt(Payloads.Inbound(subject, body));

        Assert.False(adapted.IsValid);
        Assert.Equal(RejectionReasons.MalformedPayload, adapted.Rejection!.Reason);
        Assert.StartsWith(subject + ":", adapted.Rejection.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSubject_IsRejectedListingKnownFormats()
    {
        var adapted = _adapters.Adapt(Payloads.Inbound("mt940.statement", "{}"));

        Assert.Equal(RejectionReasons.UnknownFormat, adapted.Rejection!.Reason);
        Assert.Contains("sap.payment-advice", adapted.Rejection.Description, StringComparison.Ordinal);
    }
}
