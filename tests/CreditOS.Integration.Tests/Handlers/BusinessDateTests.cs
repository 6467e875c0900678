using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Dates an ERP writes where it means "none" or "forever" (0001-01-01, 9999-12-31) or with a mistyped year (audit round 3).
/// Before, a payment dated 0001-01-01 was posted and settled its invoice in the year 1 (the local Dataverse stores it; the
/// service's first date is 1753-01-01), one dated 9999-12-31 failed in the posting plug-in with "cos_dayslate 2912139 is
/// outside the valid range" (no date named), and invoices dated or due in 0001 or 9999 were written. Now each is
/// dead-lettered as MalformedPayload naming the record, the field, the date and the window, before anything is written,
/// and the valid messages of the same batch are written.
/// </summary>
public sealed class BusinessDateTests : IAsyncLifetime
{
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
    public async Task PaymentsDatedInTheYear1OrThe9999Placeholder_AreDeadLetteredWithTheDate_TheirNeighboursWritten()
    {
        var decisions = await _worker.HandleAsync(
            QueueKind.Payments,
            Payloads.Inbound("sap.payment-advice", Dated(Payloads.SapPaymentAdvice("1600000001", "C-1001", 10m), "0001-01-01")),
            Payloads.Inbound("sap.payment-advice", Dated(Payloads.SapPaymentAdvice("1600000002", "C-1001", 10m), "9999-12-31")),
            Payloads.Inbound("sap.payment-advice", Dated(Payloads.SapPaymentAdvice("1600000003", "C-1001", 10m), "1990-06-30")),
            Payloads.Inbound("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date;invoices\nP-90;C-1001;10.00;EUR;2962-11-22;"));

        Assert.Equal([SettleKind.DeadLetter, SettleKind.DeadLetter, SettleKind.Complete, SettleKind.DeadLetter], decisions.Select(decision => decision.Kind));
        Assert.All([decisions[0], decisions[1], decisions[3]], decision => Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason));
        Assert.StartsWith("The payment SAP/1000-2026-1600000001 payment date 0001-01-01 is not a business date: it must lie between ", decisions[0].Description, StringComparison.Ordinal);
        Assert.Contains("The payment SAP/1000-2026-1600000002 payment date 9999-12-31 is not a business date", decisions[1].Description, StringComparison.Ordinal);
        Assert.Contains("The payment LEGACY/P-90 payment date 2962-11-22 is not a business date", decisions[3].Description, StringComparison.Ordinal);
        Assert.Contains("(50 years either side of the day the message was received, " + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")", decisions[0].Description, StringComparison.Ordinal);
        Assert.Equal(["cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1600000003')"], _endpoint.Rows.Keys);
    }

    [Fact]
    public async Task InvoicesDatedOrDueInThePlaceholderYears_AreDeadLetteredWithTheDate()
    {
        var item = Payloads.SapOpenItem("9600000001", "C-1001", 100m, 100m);
        var decisions = await _worker.HandleAsync(
            QueueKind.Receivables,
            Payloads.Inbound("sap.open-item", item.Replace("\"DocumentDate\":\"2026-10-01\"", "\"DocumentDate\":\"0001-01-01\"", StringComparison.Ordinal)),
            Payloads.Inbound("sap.open-item", item.Replace("\"NetDueDate\":\"2026-10-31\"", "\"NetDueDate\":\"9999-12-31\"", StringComparison.Ordinal)),
            Payloads.Inbound("sap.open-item", item.Replace("\"ClearingDate\":null", "\"ClearingDate\":\"0001-01-01\"", StringComparison.Ordinal)));

        Assert.All(decisions, decision => Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason));
        Assert.Contains("The invoice SAP/1000-2026-9600000001 invoice date 0001-01-01 is not a business date", decisions[0].Description, StringComparison.Ordinal);
        Assert.Contains("The invoice SAP/1000-2026-9600000001 due date 9999-12-31 is not a business date", decisions[1].Description, StringComparison.Ordinal);
        Assert.Contains("The invoice SAP/1000-2026-9600000001 settlement date 0001-01-01 is not a business date", decisions[2].Description, StringComparison.Ordinal);
        Assert.Empty(_endpoint.Rows);
    }

    private static string Dated(string advice, string date) => advice.Replace("\"ValueDate\":\"2026-11-20\"", $"\"ValueDate\":\"{date}\"", StringComparison.Ordinal);
}
