using System.Globalization;
using Amqp;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;

namespace CreditOS.Integration.Tests.Reliability;

/// <summary>
/// The messages of the ledger reliability run and what they must leave behind, computed from the messages alone
/// (never read back from Dataverse): a seeded random stream of payments (many on the same few invoices, so they
/// collide), identical redeliveries, ERP invoices and credit notes, channel orders, malformed messages and, in a
/// second phase, redeliveries with changed content.
/// </summary>
public sealed class LedgerStream
{
    public const decimal SeededInvoiceAmount = 1_000_000m;
    public const int Customers = 12;
    public const int InvoicesPerCustomer = 3;

    private readonly Random _random;
    private int _messageNumber;

    /// <summary>The seed CI's ledger reliability run uses.</summary>
    public const int DefaultSeed = 20_261_203;

    public LedgerStream(int size, int seed = DefaultSeed)
    {
        _random = new Random(seed);
        Size = size;
        Build();
    }

    public int Size { get; }

    public List<Message> PhaseOnePayments { get; } = [];

    public List<Message> PhaseOneReceivables { get; } = [];

    public List<Message> PhaseOneOrders { get; } = [];

    public List<Message> PhaseTwoPayments { get; } = [];

    public List<Message> PhaseTwoOrders { get; } = [];

    /// <summary>Seeded invoices (ERP id → customer) that every payment names.</summary>
    public Dictionary<string, string> SeededInvoices { get; } = new(StringComparer.Ordinal);

    /// <summary>The amount each invoice must end with (the last valid amount the ERP stated).</summary>
    public Dictionary<string, decimal> InvoiceAmounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Which customer each invoice belongs to.</summary>
    public Dictionary<string, string> InvoiceCustomers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every valid payment once (SAP ERP id → amount, invoice).</summary>
    public Dictionary<string, (decimal Amount, string Invoice)> Payments { get; } = new(StringComparer.Ordinal);

    /// <summary>Every valid order once (channel key → amount).</summary>
    public Dictionary<string, decimal> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>Message id → the dead-letter reason it must get.</summary>
    public Dictionary<string, string> ExpectedDeadLetters { get; } = new(StringComparer.Ordinal);

    public int IdenticalRedeliveries { get; private set; }

    public int CreditNotes { get; private set; }

    public static string Customer(int index) => string.Create(CultureInfo.InvariantCulture, $"R-{index + 1:D2}");

    public static string SeededDocument(int customer, int invoice) => string.Create(CultureInfo.InvariantCulture, $"7{customer:D2}{invoice}");

    public static string SapErpId(string document) => $"1000-2026-{document}";

    /// <summary>What the stream must leave in Dataverse, with <paramref name="extraPayments"/> sent beside it (ERP id → amount, invoice).</summary>
    public ExpectedLedger Expected(IReadOnlyDictionary<string, (decimal Amount, string Invoice)>? extraPayments = null) => new(
        ExpectedDeadLetters,
        Payments.Concat(extraPayments ?? new Dictionary<string, (decimal Amount, string Invoice)>()).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        InvoiceAmounts,
        InvoiceCustomers,
        Orders);

    public int PhaseOneCount => PhaseOnePayments.Count + PhaseOneReceivables.Count + PhaseOneOrders.Count;

    public int Total => PhaseOneCount + PhaseTwoPayments.Count + PhaseTwoOrders.Count;

    private void Build()
    {
        for (var customer = 0; customer < Customers; customer++)
        {
            for (var invoice = 0; invoice < InvoicesPerCustomer; invoice++)
            {
                var erpId = SapErpId(SeededDocument(customer, invoice));
                SeededInvoices[erpId] = Customer(customer);
                InvoiceAmounts[erpId] = SeededInvoiceAmount;
                InvoiceCustomers[erpId] = Customer(customer);
            }
        }

        var seeded = SeededInvoices.Keys.Order(StringComparer.Ordinal).ToList();

        // One credit note per seeded invoice, each also redelivered once unchanged.
        foreach (var erpId in seeded)
        {
            var newAmount = SeededInvoiceAmount - Cents(1m, 5_000m);
            InvoiceAmounts[erpId] = newAmount;
            var body = Payloads.SapOpenItem(erpId["1000-2026-".Length..], SeededInvoices[erpId], newAmount, newAmount);
            PhaseOneReceivables.Add(Text("credit", "sap.open-item", body));
            PhaseOneReceivables.Add(Text("credit-again", "sap.open-item", body));
            CreditNotes++;
            IdenticalRedeliveries++;
        }

        var phaseOneBudget = (int)(Size * 0.95) - PhaseOneReceivables.Count;
        var sentPayments = new List<(string Document, string Body)>();
        var sentOrders = new List<(string Reference, string Customer, decimal Amount, string Body)>();
        var paymentNumber = 0;
        var invoiceNumber = 0;
        var orderNumber = 0;
        for (var i = 0; i < phaseOneBudget; i++)
        {
            var roll = _random.NextDouble();
            if (roll < 0.50)
            {
                var invoice = seeded[_random.Next(seeded.Count)];
                var document = string.Create(CultureInfo.InvariantCulture, $"9{++paymentNumber:D7}");
                var amount = Cents(1m, 500m);
                var body = Payloads.SapPaymentAdvice(document, SeededInvoices[invoice], amount, invoice: invoice);
                Payments[SapErpId(document)] = (amount, invoice);
                sentPayments.Add((document, body));
                PhaseOnePayments.Add(Text("pay", "sap.payment-advice", body));
            }
            else if (roll < 0.58 && sentPayments.Count > 0)
            {
                PhaseOnePayments.Add(Text("pay-again", "sap.payment-advice", sentPayments[_random.Next(sentPayments.Count)].Body));
                IdenticalRedeliveries++;
            }
            else if (roll < 0.72)
            {
                var customer = Customer(_random.Next(Customers));
                var document = string.Create(CultureInfo.InvariantCulture, $"5{++invoiceNumber:D7}");
                var amount = Cents(100m, 5_000m);
                var body = Payloads.SapOpenItem(document, customer, amount, amount);
                InvoiceAmounts[SapErpId(document)] = amount;
                InvoiceCustomers[SapErpId(document)] = customer;
                PhaseOneReceivables.Add(Text("inv", "sap.open-item", body));
                if (_random.NextDouble() < 0.15)
                {
                    PhaseOneReceivables.Add(Text("inv-again", "sap.open-item", body));
                    IdenticalRedeliveries++;
                }
            }
            else if (roll < 0.90)
            {
                var customer = Customer(_random.Next(Customers));
                var reference = string.Create(CultureInfo.InvariantCulture, $"W{++orderNumber:D7}");
                var amount = Cents(10m, 900m);
                var body = Payloads.WebShopOrder(reference, customer, amount);
                Orders["WebShop:" + reference] = amount;
                sentOrders.Add((reference, customer, amount, body));
                PhaseOneOrders.Add(Text("order", "webshop.order", body));
                if (_random.NextDouble() < 0.1)
                {
                    PhaseOneOrders.Add(Text("order-again", "webshop.order", body));
                    IdenticalRedeliveries++;
                }
            }
            else
            {
                AddMalformed(seeded);
            }
        }

        // Phase two: the same ids again with changed content, after the originals are in.
        var changes = Math.Max(5, Size / 50);
        foreach (var (document, _) in sentPayments.OrderBy(_ => _random.Next()).Take(changes))
        {
            var (amount, invoice) = Payments[SapErpId(document)];
            var message = Text("pay-changed", "sap.payment-advice", Payloads.SapPaymentAdvice(document, SeededInvoices[invoice], amount + Cents(1m, 100m), invoice: invoice));
            ExpectedDeadLetters[message.Properties.MessageId] = RejectionReasons.PostedPaymentChanged;
            PhaseTwoPayments.Add(message);
            PhaseTwoPayments.Add(Text("pay-again-late", "sap.payment-advice", Payloads.SapPaymentAdvice(document, SeededInvoices[invoice], amount, invoice: invoice)));
            IdenticalRedeliveries++;
        }

        foreach (var (reference, customer, amount, _) in sentOrders.OrderBy(_ => _random.Next()).Take(Math.Max(3, changes / 2)))
        {
            var message = Text("order-changed", "webshop.order", Payloads.WebShopOrder(reference, customer, amount + 1m));
            ExpectedDeadLetters[message.Properties.MessageId] = RejectionReasons.OrderConflict;
            PhaseTwoOrders.Add(message);
        }
    }

    private void AddMalformed(List<string> seeded)
    {
        var invoice = seeded[_random.Next(seeded.Count)];
        Message message;
        string reason;
        switch (_random.Next(6))
        {
            case 0:
                (message, reason) = (Text("bad-json", "sap.payment-advice", "{\"PaymentAdvice\":"), RejectionReasons.MalformedPayload);
                break;
            case 1:
                message = Text("bad-type", "sap.payment-advice", Payloads.SapPaymentAdvice("8000001", SeededInvoices[invoice], 10m, invoice: invoice));
                message.Properties.ContentType = "text/csv";
                reason = RejectionReasons.ContentTypeMismatch;
                break;
            case 2:
                (message, reason) = (Text("unknown", "sap.payment-advice", Payloads.SapPaymentAdvice("8000002", "C-404", 10m, invoice: invoice)), RejectionReasons.UnknownCustomer);
                break;
            case 3:
                (message, reason) = (Text("zero", "sap.payment-advice", Payloads.SapPaymentAdvice("8000003", SeededInvoices[invoice], 0m, invoice: invoice)), RejectionReasons.NonPositiveAmount);
                break;
            case 4:
                // Refused by the payment posting's sanity limits in Dataverse, so the worker dead-letters it with the figures.
                var huge = string.Create(CultureInfo.InvariantCulture, $"8{++_messageNumber:D7}");
                (message, reason) = (Text("huge", "sap.payment-advice", Payloads.SapPaymentAdvice(huge, SeededInvoices[invoice], 900_000_000_000m, invoice: invoice)), RejectionReasons.DataverseRejected);
                break;
            default:
                (message, reason) = (Text("bad-order", "webshop.order", "{\"orderNumber\":"), RejectionReasons.MalformedPayload);
                ExpectedDeadLetters[message.Properties.MessageId] = reason;
                PhaseOneOrders.Add(message);
                return;
        }

        ExpectedDeadLetters[message.Properties.MessageId] = reason;
        PhaseOnePayments.Add(message);
    }

    private Message Text(string kind, string subject, string body) =>
        LocalBroker.TextMessage(string.Create(CultureInfo.InvariantCulture, $"{kind}-{++_messageNumber}"), subject, body);

    private decimal Cents(decimal from, decimal to) => Math.Round(from + ((to - from) * (decimal)_random.NextDouble()), 2);
}
