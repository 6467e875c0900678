using CreditOS.Cli.Demo.Story;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>
/// The demo's ERP payments go the production way: published with ServiceBusSender on the local Service Bus, consumed by
/// the integration worker's Service Bus pump and posted through the Web API; checked against the rows Dataverse holds.
/// </summary>
public sealed class DemoServiceBusTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    private IOrganizationService Service => demo.Run.Dataverse.GetOrganizationService();

    [Fact]
    public void TheStorysTwoPayments_WentThroughTheLocalServiceBus_NoneDeadLettered()
    {
        Assert.Equal(2, demo.Run.ServiceBusMessages);
        Assert.Equal(0, demo.Run.ServiceBusDeadLettered);
        Assert.Contains("Service Bus: 2 ERP payment message(s) went through the local Service Bus", demo.Output, StringComparison.Ordinal);
        Assert.Contains("none dead-lettered.", demo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PAY-STORY-0001")]
    [InlineData("PAY-STORY-PROMISE")]
    public void EachPayment_WasPostedByTheWorker_AndTheAccountsBalancesEqualItsLedger(string erpId)
    {
        var payment = Assert.Single(Payments(erpId));
        // The worker's legacy CSV adapter names the source system; the demo's own writes say "ERP".
        Assert.Equal("LEGACY", payment.GetAttributeValue<string>(Payment.Fields.SourceSystem));
        var accountId = payment.GetAttributeValue<EntityReference>(Payment.Fields.AccountId).Id;
        var named = payment.GetAttributeValue<string>(Payment.Fields.AppliedInvoices).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var receivables = Receivables(accountId);
        var paidInvoices = receivables.Where(r => named.Contains(r.GetAttributeValue<string>(Receivable.Fields.ErpId), StringComparer.OrdinalIgnoreCase)).ToList();

        // The payment settled exactly the invoices it names, for their full amount.
        Assert.Equal(named.Length, paidInvoices.Count);
        Assert.All(paidInvoices, r => Assert.Equal(0m, r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value));
        // The account's open receivables are what its invoices still hold open, as the ledger says.
        var account = Service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.OpenReceivables));
        Assert.Equal(receivables.Sum(r => r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value), account.GetAttributeValue<Money>(Account.Fields.OpenReceivables).Value);
    }

    [Fact]
    public void ThePaymentOfTheHoldStep_IsTheOneTheWorkerPosted_ForTheOverdueAmount()
    {
        var outcome = demo.Run.Outcome<PaymentOutcome>();
        var payment = Assert.Single(Payments("PAY-STORY-0001"));

        Assert.Null(outcome.Refusal);
        Assert.Equal(outcome.AccountId, payment.GetAttributeValue<EntityReference>(Payment.Fields.AccountId).Id);
        Assert.Equal(outcome.Paid, payment.GetAttributeValue<Money>(Payment.Fields.Amount).Value);
    }

    private List<Entity> Payments(string erpId)
    {
        var query = new QueryExpression(Payment.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Payment.Fields.SourceSystem, Payment.Fields.AccountId, Payment.Fields.Amount, Payment.Fields.AppliedInvoices),
        };
        query.Criteria.AddCondition(Payment.Fields.ErpId, ConditionOperator.Equal, erpId);
        return [.. Service.RetrieveMultiple(query).Entities];
    }

    private List<Entity> Receivables(Guid accountId)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.ErpId, Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, accountId);
        return [.. Service.RetrieveMultiple(query).Entities];
    }
}
