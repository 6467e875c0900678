using System.Globalization;
using CreditOS.Integration.Worker.Messages;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The mixed stream the end-to-end tests send through each transport (AMQPNetLite on RabbitMQ, the official client on
/// the local Service Bus): valid payments in three ERP formats with identical redeliveries, every kind of invalid
/// payment with the reason it must be dead-lettered with, open items, bureau reports and channel orders. Built once,
/// with the transport's own message factory, so both transports are proven on the same stream.
/// </summary>
internal sealed record MixedStream<TMessage>(
    List<TMessage> Payments,
    Dictionary<string, decimal> ExpectedAmounts,
    (string Id, string Subject, string Body, string Reason)[] InvalidPayments,
    List<TMessage> Receivables,
    TMessage[] Reports,
    TMessage[] Orders);

internal static class MixedStream
{
    /// <summary>
    /// The stream's customers (SAP C-1001 and legacy C-1002 in euros, Finance US-004 in dollars), the open invoices its
    /// payments name and every credit plug-in, in the local Dataverse; returns the three accounts' ids in that order.
    /// </summary>
    public static Guid[] SeedAccounts(LocalDataverseOverHttp local)
    {
        var sap = local.AddAccount("C-1001");
        var legacy = local.AddAccount("C-1002");
        var finance = local.AddAccount("US-004", local.Dollar);

        // The open invoices the payments name (the payment plugin refuses a payment naming an invoice that is not open);
        // each is large enough that the first named invoice stays open through every payment of the stream.
        CreditPlugins.AddOpenInvoice(local.Service, sap, local.Euro, "90000001", 10_000m);
        CreditPlugins.AddOpenInvoice(local.Service, legacy, local.Euro, "L-1", 100_000m);
        CreditPlugins.AddOpenInvoice(local.Service, legacy, local.Euro, "L-2", 100_000m);
        CreditPlugins.AddOpenInvoice(local.Service, finance, local.Dollar, "INV-1", 1_000m);
        CreditPlugins.AddOpenInvoice(local.Service, finance, local.Dollar, "INV-2", 1_000m);
        CreditPlugins.Register(local.Dataverse);
        return [sap, legacy, finance];
    }

    /// <param name="message">The transport's factory: message id, subject, body, reply-to address.</param>
    /// <param name="webShopReplies">Where the web shop's orders ask to be answered, in the transport's addressing.</param>
    public static MixedStream<TMessage> Build<TMessage>(
        Func<string, string, string, string?, TMessage> message, string webShopReplies, string ediReplies, string partnerPortalReplies)
    {
        var payments = new List<TMessage>();
        var expectedAmounts = new Dictionary<string, decimal>();
        for (var i = 1; i <= 30; i++)
        {
            payments.Add(message($"sap-{i}", "sap.payment-advice", Payloads.SapPaymentAdvice($"14000{i:D5}", "C-1001", i * 10m), null));
            expectedAmounts[$"SAP/1000-2026-14000{i:D5}"] = i * 10m;
        }

        for (var i = 1; i <= 15; i++)
        {
            payments.Add(message($"d365-{i}", "d365fin.customer-payment-journal-line", Payloads.FinanceJournalLine(i.ToString(CultureInfo.InvariantCulture), "US-004", i + 0.5m, "USD"), null));
            expectedAmounts[$"D365FIN/USMF-CPJ-0042-{i}"] = i + 0.5m;
            payments.Add(message($"legacy-{i}", "legacy.payment-csv", Payloads.LegacyPaymentCsv($"LP-{i}", "C-1002", 1000m + i), null));
            expectedAmounts[$"LEGACY/LP-{i}"] = 1000m + i;
        }

        payments.AddRange(Enumerable.Range(1, 10).Select(i => message($"sap-{i}-again", "sap.payment-advice", Payloads.SapPaymentAdvice($"14000{i:D5}", "C-1001", i * 10m), null)));
        var invalidPayments = new (string Id, string Subject, string Body, string Reason)[]
        {
            ("bad-json", "sap.payment-advice", "{\"PaymentAdvice\":", RejectionReasons.MalformedPayload),
            ("bad-csv", "legacy.payment-csv", "payment_id;customer_no\nX", RejectionReasons.MalformedPayload),
            ("bad-format", "swift.mt940", "{}", RejectionReasons.UnknownFormat),
            ("unknown-1", "sap.payment-advice", Payloads.SapPaymentAdvice("9", "C-404", 5m), RejectionReasons.UnknownCustomer),
            ("unknown-2", "legacy.payment-csv", Payloads.LegacyPaymentCsv("LP-X", "C-405", 5m), RejectionReasons.UnknownCustomer),
            ("zero", "sap.payment-advice", Payloads.SapPaymentAdvice("8", "C-1001", 0m), RejectionReasons.NonPositiveAmount),
            ("negative", "legacy.payment-csv", Payloads.LegacyPaymentCsv("LP-N", "C-1002", -3m), RejectionReasons.NonPositiveAmount),
            ("currency", "sap.payment-advice", Payloads.SapPaymentAdvice("7", "C-1001", 5m, "USD"), RejectionReasons.CurrencyMismatch),
            ("no-id", "legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date\n;C-1002;5;EUR;2026-11-22", RejectionReasons.MissingErpId),
        };
        payments.AddRange(invalidPayments.Select(invalid => message(invalid.Id, invalid.Subject, invalid.Body, null)));

        var receivables = Enumerable.Range(1, 10)
            .Select(i => message($"oi-{i}", "sap.open-item", Payloads.SapOpenItem($"18000{i:D5}", "C-1001", 500m, 100m * (i % 5)), null))
            .Append(message("oi-bad", "sap.open-item", Payloads.SapOpenItem("18099999", "C-1001", 100m, 300m), null))
            .ToList();
        var reports = new[]
        {
            message("br-1", "bureau.report", Payloads.BureauReport("R-1", "C-1001", lien: false), null),
            message("br-2", "bureau.report", Payloads.BureauReport("R-2", "C-1002", lien: false), null),
            message("br-bad", "bureau.report", Payloads.BureauReport("R-3", "C-1001", lien: false).Replace("\"rating\":\"B\"", "\"rating\":\"Z\"", StringComparison.Ordinal), null),
        };
        var orders = new[]
        {
            message("o-w1", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), webShopReplies),
            message("o-w1-again", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), webShopReplies),
            message("o-po1", "edi.orders", Payloads.EdiOrder("PO-1", "C-1002", 200m, 10), ediReplies),
            message("o-pp1", "partnerportal.order", Payloads.PartnerOrder("PP-1", "C-1001", 20_000m), partnerPortalReplies),
            message("o-w2", "webshop.order", Payloads.WebShopOrder("W-2", "C-404", 300m), webShopReplies),
            message("o-w3", "webshop.order", Payloads.WebShopOrder("W-3", "C-1001", 900m, currency: "USD"), webShopReplies),
        };
        return new MixedStream<TMessage>(payments, expectedAmounts, invalidPayments, receivables, reports, orders);
    }
}
