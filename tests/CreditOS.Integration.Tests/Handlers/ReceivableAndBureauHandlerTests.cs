using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

public sealed class ReceivableAndBureauHandlerTests : IAsyncLifetime
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

    private Task<IReadOnlyList<SettleDecision>> HandleAsync(QueueKind kind, params InboundMessage[] messages) => _worker.HandleAsync(kind, messages);

    [Fact]
    public async Task Receivables_AreUpsertedByErpKey_WithOpenAmountAndDispute()
    {
        var decisions = await HandleAsync(
            QueueKind.Receivables,
            Payloads.Inbound("sap.open-item", Payloads.SapOpenItem("1800000001", "C-1001", 500m, 200m)),
            Payloads.Inbound("legacy.receivable-csv", Payloads.LegacyReceivableCsv("I-9", "C-1001", 80m, 80m)),
            Payloads.Inbound("legacy.receivable-csv", Payloads.LegacyReceivableCsv("I-10", "C-1001", 80m, 90m)));

        Assert.Equal([SettleKind.Complete, SettleKind.Complete, SettleKind.DeadLetter], decisions.Select(decision => decision.Kind));
        var sap = _endpoint.Rows["cos_receivables(cos_sourcesystem='SAP',cos_erpid='1000-2026-1800000001')"];
        Assert.Equal((200m, "2026-10-31", false), (sap["cos_openamount"]!.GetValue<decimal>(), sap["cos_duedate"]!.GetValue<string>(), sap["cos_isdisputed"]!.GetValue<bool>()));
        Assert.True(_endpoint.Rows["cos_receivables(cos_sourcesystem='LEGACY',cos_erpid='I-9')"]["cos_isdisputed"]!.GetValue<bool>());
        Assert.Contains("open amount", decisions[2].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BureauReports_AreUpsertedByBureauAndReportId()
    {
        var decisions = await HandleAsync(
            QueueKind.BureauReports,
            Payloads.Inbound("bureau.report", Payloads.BureauReport("R-1", "C-1001")),
            Payloads.Inbound("bureau.report", Payloads.BureauReport("R-2", "C-999")));

        Assert.Equal([SettleKind.Complete, SettleKind.DeadLetter], decisions.Select(decision => decision.Kind));
        Assert.Equal(RejectionReasons.UnknownCustomer, decisions[1].Reason);
        var row = _endpoint.Rows["cos_bureaureports(cos_bureau='Creditreform',cos_externalid='R-1')"];
        Assert.Equal((72, true, 4), (row["cos_solvencyscore"]!.GetValue<int>(), row["cos_haslien"]!.GetValue<bool>(), row["cos_dbtscore"]!.GetValue<int>()));
    }
}
