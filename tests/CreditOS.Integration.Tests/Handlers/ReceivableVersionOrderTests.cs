extern alias plugins;

using System.Diagnostics.Metrics;
using System.Globalization;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Versions of one ERP invoice arriving out of order, through the worker's receivable and payment handlers and the local
/// Dataverse over HTTP with every creditOS plug-in. Each open-item message carries the broker's sequence number (as Service
/// Bus hands it over, unchanged by an abandon and redelivery): an older version after a newer one, or after the invoice's
/// credit note, is superseded (completed, nothing written); the newest redelivered is a redelivery; the same version with
/// another amount is a conflict. Payments posted in between stay applied. Every balance is asserted against the
/// recomputation from the messages (<see cref="LedgerOutcome"/>), the account's open receivables included.
/// </summary>
public sealed class ReceivableVersionOrderTests() : WorkerHandlerTestsBase(Customer)
{
    private const string Customer = "C-1";


    [Fact]
    public async Task OlderVersion_AfterTheCreditNote_WithAPaymentInBetween_IsSuperseded_AndTheLedgerKeepsTheCreditNoteAndThePayment()
    {
        // Sequence 10 is the invoice (1,000), 12 its credit note (down to 900). 10's first delivery was abandoned on a
        // transient fault; meanwhile 12 and a payment of 100 were applied; then 10 comes again with its own number.
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000001", 1_000m, 1_000m, 10)).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000001", 900m, 900m, 12)).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9100000001", 100m, "9200000001")).Kind);

        var late = await Invoice("9200000001", 1_000m, 1_000m, 10);

        Assert.Equal(SettleKind.Complete, late.Kind);
        Assert.Equal(12L, Stored("9200000001").GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
        AssertLedger(
            new Dictionary<string, decimal> { [Erp("9200000001")] = 900m },
            new Dictionary<string, (decimal, string)> { [Erp("9100000001")] = (100m, Erp("9200000001")) });
    }

    [Fact]
    public async Task OlderVersion_AfterANewerOne_IsSupersededWhicheverWayTheAmountMoved_AndTheNewestRedeliveredChangesNothing()
    {
        // Invoice A raised 500 → 700 (sequence 20 → 23); invoice B lowered 800 → 650 (21 → 22); payments on both in
        // between; then both older versions again, and the newest of each redelivered with its own number.
        await Invoice("9200000002", 500m, 500m, 20);
        await Invoice("9200000003", 800m, 800m, 21);
        await Pay("9100000002", 120m, "9200000002");
        await Invoice("9200000003", 650m, 650m, 22);
        await Invoice("9200000002", 700m, 700m, 23);
        await Pay("9100000003", 50m, "9200000003");

        var newestAmounts = new Dictionary<string, decimal> { [Erp("9200000002")] = 700m, [Erp("9200000003")] = 650m };
        var payments = new Dictionary<string, (decimal, string)> { [Erp("9100000002")] = (120m, Erp("9200000002")), [Erp("9100000003")] = (50m, Erp("9200000003")) };
        var older = new[] { await Invoice("9200000002", 500m, 500m, 20), await Invoice("9200000003", 800m, 800m, 21) };
        AssertLedger(newestAmounts, payments); // before any newer message could put things right again
        var newestAgain = new[] { await Invoice("9200000002", 700m, 580m, 23), await Invoice("9200000003", 650m, 600m, 22) };

        Assert.All([.. older, .. newestAgain], decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        AssertLedger(newestAmounts, payments);
    }

    [Fact]
    public async Task OldMessageSentAgain_WithANewHigherNumber_AfterTheCreditNoteAndAPayment_ChangesNothing()
    {
        // The publisher sends message inv-v1 (the invoice, 1,000; numbered 10), then inv-v2 (its credit note, 900; 12); a
        // payment of 100 follows; then the publisher (or a faulty stream replaying earlier messages) sends inv-v1 again under
        // the same message id. Duplicate detection is off on the queue, so the broker stores it as a new message numbered 15,
        // above the credit note's 12. Then the credit note is sent again too (numbered 16).
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000006", 1_000m, 1_000m, 10, "inv-v1")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000006", 900m, 900m, 12, "inv-v2")).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9100000006", 100m, "9200000006")).Kind);

        var creditNote = new Dictionary<string, decimal> { [Erp("9200000006")] = 900m };
        var payment = new Dictionary<string, (decimal, string)> { [Erp("9100000006")] = (100m, Erp("9200000006")) };
        var replayed = await Invoice("9200000006", 1_000m, 1_000m, 15, "inv-v1");
        AssertLedger(creditNote, payment); // before the credit note's re-send could put things right again
        var creditNoteAgain = await Invoice("9200000006", 900m, 900m, 16, "inv-v2");

        Assert.Equal(SettleKind.Complete, replayed.Kind);
        Assert.Equal(SettleKind.Complete, creditNoteAgain.Kind);
        AssertLedger(creditNote, payment);
        Assert.Equal(12L, Stored("9200000006").GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
    }

    [Fact]
    public async Task OlderVersion_OvertakenAndNeverApplied_ThenSentAgainUnderAHigherNumber_IsStillSuperseded_AndCountedBothTimes()
    {
        // inv-v1 (the invoice, 1,000) is stored as 10 but its first delivery is abandoned; inv-v2 (its credit note, 900;
        // 12) and a payment of 100 are applied; inv-v1 comes again with its own 10 and is superseded, never applied. Then
        // the publisher sends inv-v1 again under the same message id, stored as 15, above the credit note's 12: without
        // the overtaken message's id on record it would be taken as the newest and move the invoice back to 1,000.
        using var superseded = new SupersededCount(Worker);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000008", 900m, 900m, 12, "inv-v2")).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9100000008", 100m, "9200000008")).Kind);
        var creditNote = new Dictionary<string, decimal> { [Erp("9200000008")] = 900m };
        var payment = new Dictionary<string, (decimal, string)> { [Erp("9100000008")] = (100m, Erp("9200000008")) };

        var late = await Invoice("9200000008", 1_000m, 1_000m, 10, "inv-v1");
        AssertLedger(creditNote, payment);
        var resent = await Invoice("9200000008", 1_000m, 1_000m, 15, "inv-v1");

        Assert.Equal(SettleKind.Complete, late.Kind);
        Assert.Equal(SettleKind.Complete, resent.Kind);
        AssertLedger(creditNote, payment);
        Assert.Equal(12L, Stored("9200000008").GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
        Assert.Equal(2, superseded.Count);
    }

    [Fact]
    public async Task FirstCopyOvertakenByItsOwnReSend_AfterAnotherVersion_IsDeadLetteredOutOfOrder_WithTheFigures_AndTheInvoiceFlagged()
    {
        // Soak seed 1 (session 31's open hole): message inv-6 (3,225.50) is stored as 4, but its first copy is locked by a
        // receiver that crashes; inv-9 (another version, 3,797.00) is stored as 6 and applied; a payment of 200 follows; the
        // publisher's re-send of inv-6 (same id, same content) is stored as 8 and, unknown to the invoice, applied as the newest.
        // Then the first copy, its lock run out, comes back with its 4: by first storage inv-9 is the newer version, so the
        // invoice holds an older version's figures. Before session 32 that copy was completed as a redelivery, silently.
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000009", 3_797m, 3_797m, 6, "inv-9")).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9100000009", 200m, "9200000009")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000009", 3_225.50m, 3_225.50m, 8, "inv-6")).Kind);

        var firstCopy = await Invoice("9200000009", 3_225.50m, 3_225.50m, 4, "inv-6");

        Assert.Equal(SettleKind.DeadLetter, firstCopy.Kind);
        Assert.Equal(RejectionReasons.ReceivableOutOfOrder, firstCopy.Reason);
        Assert.StartsWith("Message inv-6 was first stored as version 4 of ", firstCopy.Description, StringComparison.Ordinal);
        Assert.Contains(
            "but invoice 1000-2026-9200000009 was written from its copy numbered 8 as the newest version (amount 3225.50; the invoice holds amount 3225.50, open 3025.50). Message inv-9 (version 6, amount 3797.00, open 3797.00) was stored between the two, so by the ERP's order it is the newer version and the invoice's figures may be an older version's. Nothing of message inv-6 was applied.",
            firstCopy.Description,
            StringComparison.Ordinal);
        var stored = Stored("9200000009");
        Assert.Equal(firstCopy.Description, stored.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));
        Assert.Equal(8L, stored.GetAttributeValue<long?>(Receivable.Fields.SourceVersion));

        // Nothing of the copy was applied (the figures stay as they were, flagged, never moved silently); the same copy
        // delivered again (its answer lost) is dead-lettered again, and a re-sync from the ERP (a new message) applies.
        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000009")] = 3_225.50m }, new Dictionary<string, (decimal, string)> { [Erp("9100000009")] = (200m, Erp("9200000009")) });
        Assert.Equal(RejectionReasons.ReceivableOutOfOrder, (await Invoice("9200000009", 3_225.50m, 3_225.50m, 4, "inv-6")).Reason);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000009", 3_797m, 3_797m, 12, "inv-resync")).Kind);
        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000009")] = 3_797m }, new Dictionary<string, (decimal, string)> { [Erp("9100000009")] = (200m, Erp("9200000009")) });
    }

    [Fact]
    public async Task FirstCopyOvertakenByItsOwnReSend_WithNothingBetween_DatesTheInvoiceByTheFirstCopy_SoAVersionStoredBetweenStillApplies()
    {
        // inv-a (1,000) stored as 4, its first copy locked elsewhere; its re-send (8) applied; the first copy back with its 4:
        // nothing else was recorded between, so the figures are right and the invoice is dated 4. inv-b (the credit note, 900),
        // stored as 6 but delivered last, is then the newer version and applies (before session 32 it was superseded by 8).
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000010", 1_000m, 1_000m, 8, "inv-a")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9200000010", 1_000m, 1_000m, 4, "inv-a")).Kind);
        Assert.Equal(4L, Stored("9200000010").GetAttributeValue<long?>(Receivable.Fields.SourceVersion));

        Assert.Equal(SettleKind.Complete, (await Invoice("9200000010", 900m, 900m, 6, "inv-b")).Kind);

        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000010")] = 900m }, new Dictionary<string, (decimal, string)>());
        Assert.Null(Stored("9200000010").GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));
    }

    [Fact]
    public async Task OldMessageSentAgain_WithOtherContent_IsDeadLetteredAsAConflict_WithBothFigures_AndChangesNothing()
    {
        await Invoice("9200000007", 1_000m, 1_000m, 10, "inv-v1");
        await Invoice("9200000007", 900m, 900m, 12, "inv-v2");

        var tampered = await Invoice("9200000007", 1_100m, 1_100m, 15, "inv-v1");

        Assert.Equal(SettleKind.DeadLetter, tampered.Kind);
        Assert.Equal(RejectionReasons.ReceivableVersionConflict, tampered.Reason);
        Assert.Contains("recorded message inv-v1 (version 10) with amount 1000.00, open 1000.00; the same message now says amount 1100.00, open 1100.00", tampered.Description, StringComparison.Ordinal);
        Assert.Equal(12L, Stored("9200000007").GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000007")] = 900m }, new Dictionary<string, (decimal, string)>());
    }

    [Fact]
    public async Task SameVersion_WithAnotherAmount_IsDeadLetteredAsAConflict_WithBothFigures_AndTheInvoiceKeepsItsAmount()
    {
        await Invoice("9200000004", 400m, 400m, 30);

        var conflict = await Invoice("9200000004", 440m, 440m, 30);

        Assert.Equal(SettleKind.DeadLetter, conflict.Kind);
        Assert.Equal(RejectionReasons.ReceivableVersionConflict, conflict.Reason);
        Assert.Contains("was written from version 30 of 127.0.0.1/creditos.erp.receivables with amount 400.00; the same version now says 440.00", conflict.Description, StringComparison.Ordinal);
        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000004")] = 400m }, new Dictionary<string, (decimal, string)>());
    }

    [Fact]
    public async Task VersionsNumberedByAnotherQueue_CannotBeOrdered_AndTheLaterWriteIsTakenAsTheLatest()
    {
        // A new namespace or queue numbers from 1 again: its first message is not refused as older than the old queue's 40.
        await Invoice("9200000005", 300m, 300m, 40);

        var moved = await Worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem("9200000005", Customer, 250m, 250m), 1, "new-namespace/creditos.erp.receivables"));

        Assert.Equal(SettleKind.Complete, moved.Single().Kind);
        Assert.Equal("new-namespace/creditos.erp.receivables", Stored("9200000005").GetAttributeValue<string>(Receivable.Fields.SourceVersionScope));
        AssertLedger(new Dictionary<string, decimal> { [Erp("9200000005")] = 250m }, new Dictionary<string, (decimal, string)>());
    }

    private static string Erp(string document) => "1000-2026-" + document;

    /// <summary>This worker's creditos.receivables.superseded (its own meter factory: other tests' workers run alongside).</summary>
    private sealed class SupersededCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public SupersededCount(WorkerUnderTest worker)
        {
            var factory = worker.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "creditos.receivables.superseded")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private async Task<SettleDecision> Invoice(string document, decimal amount, decimal open, long sequence, string? messageId = null) =>
        (await Worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem(document, Customer, amount, open), sequence, messageId: messageId))).Single();

    private async Task<SettleDecision> Pay(string document, decimal amount, string invoiceDocument) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice(document, Customer, amount, invoice: Erp(invoiceDocument))))).Single();

    private Entity Stored(string document)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.SourceVersion, Receivable.Fields.SourceVersionScope, Receivable.Fields.ErpResyncReason) };
        query.Criteria.AddCondition(Receivable.Fields.ErpId, ConditionOperator.Equal, Erp(document));
        return Local.Service.RetrieveMultiple(query).Entities.Single();
    }

    /// <summary>Every invoice with its newest amount, its open amount that less the payments naming it, the account's open receivables their sum.</summary>
    private void AssertLedger(Dictionary<string, decimal> invoiceAmounts, Dictionary<string, (decimal, string)> payments)
    {
        var expected = new ExpectedLedger(
            new Dictionary<string, string>(StringComparer.Ordinal),
            payments,
            invoiceAmounts,
            invoiceAmounts.Keys.ToDictionary(erpId => erpId, _ => Customer, StringComparer.Ordinal),
            new Dictionary<string, decimal>());
        LedgerOutcome.Assert(Local, expected, Accounts, new Dictionary<string, string>(StringComparer.Ordinal));
        Assert.Equal(
            expected.OpenAmounts().Values.Sum().ToString("0.00", CultureInfo.InvariantCulture),
            Local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, Accounts[Customer], new ColumnSet("cos_openreceivables")).GetAttributeValue<Money>("cos_openreceivables").Value.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
