using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// The same id again: identical content is a redelivery (done, nothing written twice); different content is a
/// conflict dead-lettered with the figures, never an overwrite or the first record's answer. And a message whose
/// content type contradicts its format is refused before it is read.
/// </summary>
public sealed class RedeliveryHandlerTests : IAsyncLifetime
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

    private Task<IReadOnlyList<SettleDecision>> HandleAsync(QueueKind queue, params InboundMessage[] messages) => _worker.HandleAsync(queue, messages);

    private const string PaymentKey = "cos_payments(cos_sourcesystem='SAP',cos_erpid='1000-2026-1400000921')";

    [Fact]
    public async Task PaymentIdAgain_WithAnotherAmount_IsDeadLetteredWithBothFigures_AndThePostedRowIsUntouched()
    {
        await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 921m)));

        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 121m)))).Single();

        Assert.Equal(SettleKind.DeadLetter, decision.Kind);
        Assert.Equal(RejectionReasons.PostedPaymentChanged, decision.Reason);
        Assert.Contains("Payment SAP/1000-2026-1400000921 was posted as 921.00; the ERP now says 121.00", decision.Description, StringComparison.Ordinal);
        Assert.Contains("post a reversal", decision.Description, StringComparison.Ordinal);
        Assert.Equal(921m, _endpoint.Rows[PaymentKey]["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(1, _endpoint.WriteCounts[PaymentKey]);
    }

    [Fact]
    public async Task PaymentIdAgain_Identical_IsCompleted_WithoutASecondWrite()
    {
        var payment = Payloads.SapPaymentAdvice("1400000921", "C-1001", 921m);

        var decisions = await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", payment), Payloads.Inbound("sap.payment-advice", payment));
        decisions = [.. decisions, .. await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", payment))];

        Assert.All(decisions, decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        Assert.Equal(1, _endpoint.WriteCounts[PaymentKey]);
    }

    [Fact]
    public async Task PaymentIdAgain_NamingAnotherInvoice_IsDeadLettered()
    {
        await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 921m, invoice: "90000001")));

        var decision = (await HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("1400000921", "C-1001", 921m, invoice: "90000002")))).Single();

        Assert.Equal(RejectionReasons.PostedPaymentChanged, decision.Reason);
        Assert.Contains("was applied to invoice(s) 90000001; the ERP now names 90000002", decision.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderReferenceAgain_WithOtherContent_IsAConflict_NotTheFirstOrdersOutcome()
    {
        var first = await HandleAsync(QueueKind.OrderIntake, Payloads.Inbound("webshop.order", Payloads.WebShopOrder("W-7", "C-1001", 100m)));
        var again = await HandleAsync(QueueKind.OrderIntake, Payloads.Inbound("webshop.order", Payloads.WebShopOrder("W-7", "C-1001", 100m)));
        var changed = (await HandleAsync(QueueKind.OrderIntake, Payloads.Inbound("webshop.order", Payloads.WebShopOrder("W-7", "C-1001", 250m)))).Single();

        Assert.Equal(SettleKind.Complete, first.Single().Kind);
        Assert.Equal(SettleKind.Complete, again.Single().Kind);
        Assert.Equal(SettleKind.DeadLetter, changed.Kind);
        Assert.Equal(RejectionReasons.OrderConflict, changed.Reason);
        Assert.Contains("the order already created for it is 100.00 EUR; this message says 250.00 EUR", changed.Description, StringComparison.Ordinal);
        Assert.Equal(100m, _endpoint.Rows.Single(row => row.Key.StartsWith("salesorders", StringComparison.Ordinal)).Value["totalamount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ContentTypeContradictingTheFormat_IsDeadLettered_AMatchingOneIsTaken()
    {
        var csvLabelled = LocalBroker.TextMessage("typed-1", "sap.payment-advice", Payloads.SapPaymentAdvice("1400000001", "C-1001", 10m));
        csvLabelled.Properties.ContentType = "text/csv";
        var jsonLabelled = LocalBroker.TextMessage("typed-2", "sap.payment-advice", Payloads.SapPaymentAdvice("1400000002", "C-1001", 10m));
        jsonLabelled.Properties.ContentType = "application/json; charset=utf-8";

        var decisions = await HandleAsync(QueueKind.Payments, new InboundMessage(csvLabelled, DateTimeOffset.UtcNow), new InboundMessage(jsonLabelled, DateTimeOffset.UtcNow));

        Assert.Equal([SettleKind.DeadLetter, SettleKind.Complete], decisions.Select(decision => decision.Kind));
        Assert.Equal(RejectionReasons.ContentTypeMismatch, decisions[0].Reason);
        Assert.Contains("content type is 'text/csv', but format sap.payment-advice is application/json or text/json", decisions[0].Description, StringComparison.Ordinal);
        Assert.Single(_endpoint.Rows);
    }
}
