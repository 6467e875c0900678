using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// The ERP posts a payment the way it does in production: a line of its payment export (legacy.payment-csv) published
/// on the payments queue with <see cref="ServiceBusSender"/>; the integration worker's Service Bus pump turns it into a
/// cos_payment through the Web API, where the payment posting plug-in applies it.
/// </summary>
internal static class ErpPayments
{
    public const string Format = "legacy.payment-csv";

    /// <summary>Publishes the payment and waits for the worker: null when posted, else why it was dead-lettered.</summary>
    public static string? Post(StoryContext story, Guid accountId, string erpId, decimal amount, IEnumerable<string> invoices)
    {
        var customer = story.System.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.AccountNumber)).GetAttributeValue<string>(Account.Fields.AccountNumber);
        var line = string.Join(
            ";",
            erpId,
            customer,
            amount.ToString(CultureInfo.InvariantCulture),
            story.Reference.CurrencyCode,
            story.Run.Clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Join("|", invoices));
        var message = new ServiceBusMessage(BinaryData.FromString("payment_id;customer_no;amount;currency;payment_date;invoices\n" + line))
        {
            MessageId = erpId,
            Subject = Format,
            ContentType = "text/csv",
        };
        var bus = story.Integration.ServiceBusAsync().GetAwaiter().GetResult();
        return bus.PublishAsync(message).GetAwaiter().GetResult();
    }
}
