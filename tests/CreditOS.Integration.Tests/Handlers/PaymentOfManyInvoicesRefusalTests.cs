using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Session 19: a refused payment's invoices are read back in one query to tell a late invoice from another customer's. The worker
/// wrote one "cos_erpid eq '…'" per invoice joined by "or", and a payment naming more than 500 invoices exceeded Dataverse's condition
/// limit ("no more than 500 total condition and link-entity elements … TooManyConditionsInQuery 0x8004430C", Filter rows using FetchXml,
/// the same for a Web API $filter), so the read failed and the reason said the invoices "could not be read". The read now sends one
/// Microsoft.Dynamics.CRM.In condition ("You might be able to reduce the number of conditions by using the in operator").
/// </summary>
public sealed class PaymentOfManyInvoicesRefusalTests() : WorkerHandlerTestsBase("C-A")
{
    [Fact]
    public async Task APaymentOfFiveHundredAndOneMissingInvoices_IsHeldForItsInvoices_NotForAnUnreadableQuery()
    {
        var invoices = string.Join('|', Enumerable.Range(1, 501).Select(number => "L" + number));

        var decision = (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("legacy.payment-csv",
            $"payment_id;customer_no;amount;currency;payment_date;invoices\nP-501;C-A;10.00;EUR;2026-11-22;{invoices}"))).Single();

        Assert.Equal(SettleKind.Abandon, decision.Kind);
        Assert.DoesNotContain("could not be read", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("does not have in Dataverse yet", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("L501", decision.Reason, StringComparison.Ordinal);
    }
}
