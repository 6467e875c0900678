using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// A customer with invoices overdue beyond grace (more than its policy's overdue tolerance lets through) but plenty of
/// credit places a small order, which is held for the overdue balance; the ERP then posts a payment of those invoices
/// through the local Service Bus (<see cref="ErpPayments"/>) and the payment posting plugin lifts the hold.
/// </summary>
internal static class PaymentStep
{
    private const decimal OrderAmount = 1_000m;
    private const string PaymentErpId = "PAY-STORY-0001";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var account = accounts
            .Where(a => !used.Contains(a.AccountId) && !a.IsSuspended && !a.IsStarterTerms && a.OverdueHoldsOrders(story.Run.Clock.Today) && a.Available > OrderAmount * 5)
            .OrderByDescending(a => a.Available)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("a payment that lifts a hold", "no customer with overdue invoices and room under its limit in this portfolio");
            return;
        }

        used.Add(account.AccountId);
        var currency = story.Reference.CurrencyCode;
        var held = StoryOrders.Enter(story, account, OrderAmount, "Story: spare parts order");
        story.Output.Line("C. " + story.Reference.People.SalesRepName + " enters an order of " + Figures.Money(currency, OrderAmount) + " for " + StoryOrders.Describe(account, currency)
            + ", which has " + Figures.Money(currency, account.OverdueBeyondGrace) + " overdue beyond grace.");
        story.Output.Line("   Credit check: " + StoryText.Status(held) + ".");
        if (held.OrderId is not { } orderId || held.CreditStatus != SalesOrderCreditStatus.OnHold)
        {
            story.Run.Story.Add(new PaymentOutcome(account.AccountId, held, 0m, null, null));
            return;
        }

        var overdue = OverdueInvoices(story.System, account.AccountId, story.Run.Clock.Today);
        var paid = overdue.Sum(i => i.Open);
        var refusal = ErpPayments.Post(story, account.AccountId, PaymentErpId, paid, overdue.Select(i => i.ErpId));

        var after = StoryOrders.Read(story.System, orderId);
        story.Output.Line("   The ERP posts payment " + PaymentErpId + " of " + Figures.Money(currency, paid) + " settling " + overdue.Count + " overdue invoice(s) ("
            + string.Join(", ", overdue.Select(i => i.ErpId)) + "): " + (refusal is null ? "applied" : "REFUSED: " + refusal) + ".");
        story.Output.Line("   The held order is now " + StoryText.Status(after) + ".");
        story.Run.Story.Add(new PaymentOutcome(account.AccountId, held, paid, refusal, after));
    }

    private static List<(string ErpId, decimal Open)> OverdueInvoices(IOrganizationService service, Guid accountId, DateTime today)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.ErpId, Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        query.Criteria.AddCondition(Receivable.Fields.DueDate, ConditionOperator.LessThan, today);
        query.AddOrder(Receivable.Fields.DueDate, OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities
            .Select(r => (r.GetAttributeValue<string>(Receivable.Fields.ErpId), r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value))
            .ToList();
    }
}
