using Amqp.Framing;
using Amqp.Types;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Adapters.Receivables;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Adapters;

/// <summary>
/// The ordering evidence a receivable carries: the broker's sequence number, read from the x-opt-sequence-number
/// annotation over plain AMQP (Service Bus stamps it; RabbitMQ stamps none), and handed to the canonical record by both
/// receivable adapters.
/// </summary>
public sealed class MessageSequenceTests
{
    private readonly AdapterSet<ErpReceivable> _receivables = new([new SapOpenItemAdapter(), new LegacyCsvReceivableAdapter()]);

    [Fact]
    public void AnAmqpMessageStampedByServiceBus_CarriesItsSequenceNumber_InTheQueuesScope_AndOneFromRabbitMqNone()
    {
        var stamped = LocalBroker.TextMessage("m-1", "sap.open-item", "{}");
        stamped.MessageAnnotations = new MessageAnnotations();
        stamped.MessageAnnotations.Map[new Symbol(MessageSequence.SequenceNumberAnnotation)] = 42L;

        Assert.Equal(new MessageSequence("ns.example/creditos.erp.receivables", 42), MessageSequence.Of(stamped, "ns.example", "creditos.erp.receivables"));
        Assert.Null(MessageSequence.Of(LocalBroker.TextMessage("m-2", "sap.open-item", "{}"), "localhost", "creditos.erp.receivables"));
    }

    [Fact]
    public void BothReceivableFormats_TakeTheMessagesSequenceAsTheirVersion()
    {
        var sap = _receivables.Adapt(Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem("1800000001", "C-1001", 500m, 200m), 7)).Value!;
        var legacy = _receivables.Adapt(Payloads.Sequenced("legacy.receivable-csv", Payloads.LegacyReceivableCsv("I-9", "C-1002", 80m, 80m), 8)).Value!;
        var unnumbered = _receivables.Adapt(Payloads.Inbound("sap.open-item", Payloads.SapOpenItem("1800000001", "C-1001", 500m, 200m))).Value!;

        Assert.Equal(7, sap.Version?.Number);
        Assert.Equal(8, legacy.Version?.Number);
        Assert.Equal("127.0.0.1/creditos.erp.receivables", sap.Version?.Scope);
        Assert.Null(unnumbered.Version);
    }
}
