using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Payloads that used to break more than themselves (audit round 3). A legacy CSV whose header names a column twice made
/// the CSV reader throw out of the batch handler, so the whole batch was abandoned, on every delivery, until Service Bus
/// dead-lettered the valid payments received with it: now the poison message alone is dead-lettered, naming the column,
/// and its neighbours are written. A UTF-8 byte order mark (Windows ERP exports) made a valid payment advice "not valid
/// JSON" and a valid CSV payment "missing its id": now the mark is skipped and the payment is written as without it. A JSON
/// payload naming a property twice was read with the last figure (System.Text.Json's default): now it is refused, naming it.
/// </summary>
public sealed class PoisonPayloadTests : IAsyncLifetime
{
    private const string Bom = "\uFEFF";
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
    public async Task CsvNamingAColumnTwice_IsDeadLetteredAlone_AndTheValidPaymentsOfItsBatchAreWritten()
    {
        var decisions = await _worker.HandleAsync(
            QueueKind.Payments,
            Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1500000001", "C-1001", 10m)),
            Payloads.Inbound("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date;amount\nP-77;C-1001;10.00;EUR;2026-11-22;1000.00"),
            Payloads.Inbound("legacy.payment-csv", Payloads.LegacyPaymentCsv("P-78", "C-1001", 20m)));

        Assert.Equal([SettleKind.Complete, SettleKind.DeadLetter, SettleKind.Complete], decisions.Select(decision => decision.Kind));
        Assert.Equal(RejectionReasons.MalformedPayload, decisions[1].Reason);
        Assert.Contains("the header names column 'amount' 2 times (payment_id;customer_no;amount;currency;payment_date;amount)", decisions[1].Description, StringComparison.Ordinal);
        Assert.Equal(
            ["cos_payments(cos_sourcesystem='LEGACY',cos_erpid='P-78')", "cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1500000001')"],
            _endpoint.Rows.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task JsonNamingAPropertyTwice_IsDeadLetteredNamingIt_NeverPostedWithTheLastFigure()
    {
        var advice = Payloads.SapPaymentAdvice("1500000003", "C-1001", 10m).Replace("\"Currency\":\"EUR\"", "\"Currency\":\"EUR\",\"Amount\":\"1000.00\"", StringComparison.Ordinal);
        var item = Payloads.SapOpenItem("9500000003", "C-1001", 100m, 100m).Replace("\"Disputed\":\"\"", "\"Disputed\":\"\",\"OpenAmount\":\"0\"", StringComparison.Ordinal);

        var payment = (await _worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", advice))).Single();
        var invoice = (await _worker.HandleAsync(QueueKind.Receivables, Payloads.Inbound("sap.open-item", item))).Single();

        Assert.Equal(RejectionReasons.MalformedPayload, payment.Reason);
        Assert.Contains("Duplicate property 'Amount'", payment.Description, StringComparison.Ordinal);
        Assert.Equal(RejectionReasons.MalformedPayload, invoice.Reason);
        Assert.Contains("Duplicate property 'OpenAmount'", invoice.Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    [Fact]
    public async Task PaymentsAndInvoicesStartingWithAUtf8ByteOrderMark_AreWrittenAsWithoutIt()
    {
        var decisions = await _worker.HandleAsync(
            QueueKind.Payments,
            Payloads.Inbound("sap.payment-advice", Bom + Payloads.SapPaymentAdvice("1500000002", "C-1001", 12.5m)),
            Payloads.Inbound("legacy.payment-csv", Bom + Payloads.LegacyPaymentCsv("P-79", "C-1001", 30m)));
        var invoice = await _worker.HandleAsync(QueueKind.Receivables, Payloads.Inbound("legacy.receivable-csv", Bom + Payloads.LegacyReceivableCsv("L-79", "C-1001", 300m, 300m)));

        Assert.All([.. decisions, .. invoice], decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        Assert.Equal(12.5m, _endpoint.Rows["cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1500000002')"]["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(30m, _endpoint.Rows["cos_payments(cos_sourcesystem='LEGACY',cos_erpid='P-79')"]["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(300m, _endpoint.Rows["cos_receivables(cos_sourcesystem='LEGACY',cos_erpid='L-79')"]["cos_amount"]!.GetValue<decimal>());
    }
}
