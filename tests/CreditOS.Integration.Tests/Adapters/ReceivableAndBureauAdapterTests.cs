using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Bureau;
using CreditOS.Integration.Worker.Messages.Adapters.Receivables;
using CreditOS.Integration.Worker.Messages.Canonical;

namespace CreditOS.Integration.Tests.Adapters;

public sealed class ReceivableAndBureauAdapterTests
{
    private readonly AdapterSet<ErpReceivable> _receivables = new([new SapOpenItemAdapter(), new LegacyCsvReceivableAdapter()]);

    [Fact]
    public void SapOpenItem_BecomesCanonicalReceivable()
    {
        var receivable = _receivables.Adapt(Payloads.Inbound("sap.open-item", Payloads.SapOpenItem("1800000001", "C-1001", 500m, 200m), messageId: "open-item-msg-1")).Value!;

        // The broker message id travels with the invoice: Dataverse keeps the ids an invoice was written from, so a re-send never writes again.
        Assert.Equal(
            new ErpReceivable("SAP", "1000-2026-1800000001", "C-1001", "INV-1800000001", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 500m, 200m, "EUR", null, false) { MessageId = "open-item-msg-1" },
            receivable);
    }

    [Fact]
    public void LegacyReceivableCsv_BecomesCanonicalReceivable()
    {
        var receivable = _receivables.Adapt(Payloads.Inbound("legacy.receivable-csv", Payloads.LegacyReceivableCsv("I-9", "C-1002", 80m, 80m), messageId: "csv-msg-9")).Value!;

        Assert.Equal(("LEGACY", "I-9", "R-I-9", true, "csv-msg-9"), (receivable.SourceSystem, receivable.ErpId, receivable.InvoiceNumber, receivable.IsDisputed, receivable.MessageId));
        Assert.Equal(new DateOnly(2026, 10, 1), receivable.DueDate);
    }

    [Fact]
    public void BureauReport_BecomesCanonicalReport()
    {
        var adapters = new AdapterSet<BureauReport>([new BureauReportAdapter()]);

        var report = adapters.Adapt(Payloads.Inbound("bureau.report", Payloads.BureauReport("R-1", "C-1001"))).Value!;

        Assert.Equal(new BureauReport("Creditreform", "R-1", "C-1001", 72, "B", 75000m, 4, false, true, new DateOnly(2026, 11, 19)), report);
    }
}
