using System.Globalization;
using Azure.Messaging.ServiceBus;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// A faulty stream of SAP payment advices as the stream tests build it (session 24: one home for what
/// <c>ServiceBusFaultyStreamTests</c> and <c>ServiceBusLockLostStreamTests</c> each wrote): every valid payment recorded with
/// its first amount and invoice, every refused message with the dead-letter reason it must end with, for
/// <see cref="ExpectedLedger"/>; and the advice itself with the amount written as given (a number, a string, another type).
/// </summary>
internal sealed class SapAdviceStream
{
    /// <summary>ERP payment id → the amount and invoice it is applied with (once, whatever is sent again).</summary>
    public Dictionary<string, (decimal Amount, string Invoice)> Payments { get; } = new(StringComparer.Ordinal);

    /// <summary>Message id → the dead-letter reason it must end with.</summary>
    public Dictionary<string, string> DeadLetters { get; } = new(StringComparer.Ordinal);

    public static string Erp(string document) => "1000-2026-" + document;

    public static string Number(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static ServiceBusMessage Message(string id, string body) => LocalServiceBusForWorker.TextMessage(id, "sap.payment-advice", body);

    /// <summary>An SAP payment advice with the amount as written (raw JSON: a number, a string or another type) and one invoice, or none.</summary>
    public static string Advice(string document, string customer, string amount, string currency, string? invoice)
    {
        var value = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? $"\"{amount}\"" : amount;
        var items = invoice is null ? string.Empty : "{\"InvoiceReference\":\"" + invoice + "\"}";
        return "{\"PaymentAdvice\":{\"CompanyCode\":\"1000\",\"FiscalYear\":\"2026\",\"DocumentNumber\":\"" + document + "\",\"Customer\":\"" + customer
            + "\",\"Amount\":" + value + ",\"Currency\":\"" + currency + "\",\"ValueDate\":\"2026-11-20\",\"Items\":[" + items + "]}}";
    }

    /// <summary>A valid payment, expected applied once with this amount on this invoice.</summary>
    public ServiceBusMessage Valid(string id, string document, string customer, decimal amount, string invoice, string currency = "EUR")
    {
        Payments[Erp(document)] = (amount, invoice);
        return Message(id, Advice(document, customer, Number(amount), currency, invoice));
    }

    /// <summary>A message expected in a dead-letter queue with <paramref name="reason"/>.</summary>
    public ServiceBusMessage Refused(string id, string reason, string body, string subject = "sap.payment-advice")
    {
        DeadLetters[id] = reason;
        return LocalServiceBusForWorker.TextMessage(id, subject, body);
    }
}
