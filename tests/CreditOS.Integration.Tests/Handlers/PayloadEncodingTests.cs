using System.Globalization;
using System.Text;
using Amqp;
using Amqp.Framing;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Text payloads (CSV, EDIFACT, XML) in another encoding than UTF-8 (audit round 4), through the worker's handlers and the
/// local Dataverse over HTTP with every plug-in. Windows ERPs export CSV in windows-1252: before, the worker decoded every
/// body as UTF-8 and replaced each byte it could not read with U+FFFD, so two invoices whose ids differ in one accented
/// letter ("RÉ-1", "R€-1") became one key, "R\uFFFD-1": the second was upserted over the first as its credit note (one
/// invoice of 500.00 where the ERP has 300.00 and 500.00) and a payment naming either could never find it. Now a body is
/// read in the charset its content type states (text/csv; charset=windows-1252), and a body that is not what it claims
/// (UTF-8 when nothing is stated) is dead-lettered as malformed, naming the byte and where it is: never written mangled.
/// </summary>
public sealed class PayloadEncodingTests() : WorkerHandlerTestsBase("C-A")
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;


    [Fact]
    public async Task InvoicesWhoseIdsDifferInOneLetter_InWindows1252WithoutACharset_AreDeadLetteredNamingTheByte_NeverMergedIntoOneKey()
    {
        var first = await Handle(Csv("RÉ-1", 300m), contentType: "text/csv");
        var second = await Handle(Csv("R€-1", 500m), contentType: null);

        Assert.All([first, second], decision => Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason));
        Assert.Contains("is not valid UTF-8: byte 0xC9 at offset 109", first.Description, StringComparison.Ordinal);
        Assert.Contains("state its charset in the content type", first.Description, StringComparison.Ordinal);
        Assert.Contains("byte 0x80 at offset 109", second.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(new Dictionary<string, decimal>());
    }

    [Fact]
    public async Task InvoicesAndAPaymentInWindows1252WithTheirCharsetStated_AreReadAsTheErpWroteThem()
    {
        var first = await Handle(Csv("RÉ-2", 300m), contentType: "text/csv; charset=windows-1252");
        var second = await Handle(Csv("R€-2", 500m), contentType: "text/plain;charset=\"Windows-1252\"");
        var payment = (await Worker.HandleAsync(
            QueueKind.Payments,
            Message("legacy.payment-csv", "text/csv; charset=windows-1252", Windows1252.GetBytes("payment_id;customer_no;amount;currency;payment_date;invoices\nP-É1;C-A;120.00;EUR;2026-11-22;R€-2")))).Single();
        var unknown = await Handle(Csv("RÉ-3", 300m), contentType: "text/csv; charset=x-no-such-charset");

        Assert.All([first, second, payment], decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        Assert.Equal(RejectionReasons.MalformedPayload, unknown.Reason);
        Assert.Contains("charset 'x-no-such-charset'", unknown.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(new Dictionary<string, decimal> { ["RÉ-2"] = 300m, ["R€-2"] = 500m }, new Dictionary<string, (decimal, string)> { ["P-É1"] = (120m, "R€-2") });
    }

    [Theory]
    [InlineData("sap.payment-advice", null)]
    [InlineData("legacy.payment-csv", "text/csv")]
    [InlineData("d365fin.customer-payment-journal-line", "application/json")]
    public async Task EmptyBlankOrWindows1252PaymentBodiesWithoutACharset_AreDeadLetteredAsMalformed_NothingWritten(string format, string? contentType)
    {
        var empty = (await Worker.HandleAsync(QueueKind.Payments, Message(format, contentType, []))).Single();
        var blank = (await Worker.HandleAsync(QueueKind.Payments, Message(format, contentType, Encoding.UTF8.GetBytes(" \n ")))).Single();
        var body = format switch
        {
            "sap.payment-advice" => Payloads.SapPaymentAdvice("9420000001", "C-É", 10m),
            "legacy.payment-csv" => Payloads.LegacyPaymentCsv("P-9420", "C-É", 10m),
            _ => Payloads.FinanceJournalLine("9420", "C-É", 10m),
        };
        var windows1252 = (await Worker.HandleAsync(QueueKind.Payments, Message(format, contentType, Windows1252.GetBytes(body)))).Single();

        Assert.All([empty, blank, windows1252], decision => Assert.Equal(RejectionReasons.MalformedPayload, decision.Reason));
        Assert.Empty(Local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_erpid"));
    }

    private static byte[] Csv(string invoice, decimal amount) =>
        Windows1252.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"invoice_id;customer_no;invoice_number;invoice_date;due_date;amount;open_amount;currency;settled_on;disputed\n{invoice};C-A;{invoice};2026-09-01;2026-10-01;{amount};{amount};EUR;;no"));

    private static InboundMessage Message(string subject, string? contentType, byte[] body) =>
        new(
            new Message
            {
                BodySection = new Data { Binary = body },
                Header = new Header { Durable = true },
                Properties = new Properties { MessageId = Guid.NewGuid().ToString("N"), Subject = subject, ContentType = contentType is null ? null : new Amqp.Types.Symbol(contentType) },
            },
            DateTimeOffset.UtcNow);

    private async Task<SettleDecision> Handle(byte[] body, string? contentType) =>
        (await Worker.HandleAsync(QueueKind.Receivables, Message("legacy.receivable-csv", contentType, body))).Single();

    private async Task AssertLedgerAsync(Dictionary<string, decimal> invoices, Dictionary<string, (decimal, string)>? payments = null)
    {
        await WaitForRescoringAsync();

        var expected = new ExpectedLedger(
            new Dictionary<string, string>(StringComparer.Ordinal),
            payments ?? new Dictionary<string, (decimal, string)>(),
            invoices,
            invoices.ToDictionary(pair => pair.Key, _ => "C-A", StringComparer.Ordinal),
            new Dictionary<string, decimal>());
        LedgerOutcome.Assert(Local, expected, Accounts, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
