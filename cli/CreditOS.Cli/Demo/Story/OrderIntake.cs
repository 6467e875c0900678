using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// The rest of the day's order entry: every generated customer places one routine order (between a fifth and four
/// fifths of its own average monthly purchases over the last 12 months, drawn from the demo's seed) through the
/// credit check, in ExecuteMultiple batches that continue past
/// refusals. The outcomes feed the rejection rate per segment.
/// </summary>
internal static class OrderIntake
{
    private const double SmallestOrderInMonths = 0.2;
    private const double OrderSpreadInMonths = 0.6;
    private const int MonthsAveraged = 12;
    private const decimal RoundTo = 10m;
    private const string OrderName = "Order intake";
    private const decimal OrderOfACustomerWithoutInvoices = 1_000m;

    public static IntakeSummary Run(StoryContext story, ulong seed, IReadOnlyCollection<Guid> storyAccounts)
    {
        var random = new Random(unchecked((int)seed));
        var accounts = AccountSnapshot.ReadAll(story.System).ToDictionary(a => a.AccountId);
        var customers = story.Run.Portfolio!.Customers.Where(c => !storyAccounts.Contains(c.AccountId) && accounts.ContainsKey(c.AccountId)).ToList();
        var created = new List<(Guid OrderId, string Segment, Standing Standing)>();
        var refused = new List<Standing>();
        var entered = new List<Standing>();
        foreach (var batch in customers.Chunk(BatchWriter.MaxRequestsPerBatch))
        {
            var requests = new OrganizationRequestCollection();
            foreach (var customer in batch)
            {
                var amount = Math.Round(MonthlyPurchases(customer.History, story.Run.Clock.Today) * (decimal)(SmallestOrderInMonths + (random.NextDouble() * OrderSpreadInMonths)) / RoundTo) * RoundTo;
                requests.Add(new CreateRequest { Target = Order(story, customer.AccountId, amount) });
            }

            var response = (ExecuteMultipleResponse)story.SalesRep.Execute(new ExecuteMultipleRequest
            {
                Requests = requests,
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            });
            foreach (var item in response.Responses)
            {
                var account = accounts[batch[item.RequestIndex].AccountId];
                var segment = account.Segment;
                var standing = StandingOf(account);
                entered.Add(standing);
                if (item.Fault is not null)
                {
                    refused.Add(standing);
                    story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.Block));
                }
                else
                {
                    created.Add((((CreateResponse)item.Response).id, segment, standing));
                }
            }
        }

        var held = 0;
        var keptRefused = 0;
        var goodStandingApproved = 0;
        foreach (var (orderId, segment, standing) in created)
        {
            var status = story.System.Retrieve(SalesOrder.EntityLogicalName, orderId, new ColumnSet(SalesOrder.Fields.CreditStatus))
                .GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
            if (status == (int)SalesOrderCreditStatus.Refused)
            {
                // The credit check refused it: saved as the refusal's trace (Refused), neither approved nor held.
                refused.Add(standing);
                keptRefused++;
                story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.Block));
                continue;
            }

            var isHeld = status == (int)SalesOrderCreditStatus.OnHold;
            held += isHeld ? 1 : 0;
            goodStandingApproved += !isHeld && standing == Standing.Good ? 1 : 0;
            story.OrderChecks.Add(new OrderCheckRecord(segment, isHeld ? CreditEngine.Decisions.DecisionOutcome.RequireApproval : CreditEngine.Decisions.DecisionOutcome.Approve));
        }

        return new IntakeSummary(customers.Count, created.Count - held - keptRefused, held, refused.Count, (int)Math.Ceiling(customers.Count / (double)BatchWriter.MaxRequestsPerBatch))
        {
            GoodStandingOrders = entered.Count(s => s == Standing.Good),
            GoodStandingApproved = goodStandingApproved,
            RefusedInGoodStanding = refused.Count(s => s is Standing.Good or Standing.Starter),
            StarterOrders = entered.Count(s => s == Standing.Starter),
        };
    }

    /// <summary>
    /// The customer's average monthly purchases over the last 12 months (over the months since its first invoice when
    /// shorter); a customer without invoices in that time orders a small first amount.
    /// </summary>
    private static decimal MonthlyPurchases(CreditEngine.History.CustomerHistory history, DateTime today)
    {
        var since = today.AddMonths(-MonthsAveraged);
        var recent = history.Invoices.Where(i => i.InvoiceDate > since).ToList();
        if (recent.Count == 0)
        {
            return OrderOfACustomerWithoutInvoices;
        }

        var first = history.Invoices.Min(i => i.InvoiceDate);
        var months = first > since ? Math.Max(1, ((today - first).Days + 29) / 30) : MonthsAveraged;
        return recent.Sum(i => i.Amount) / months;
    }

    /// <summary>
    /// Good standing: scored, not on starter terms, not suspended, nothing overdue beyond grace (as the account stood
    /// when the order came in). Starter customers buy on prepayment, so their orders are counted apart.
    /// </summary>
    private static Standing StandingOf(AccountSnapshot account) =>
        account.IsSuspended || account.OverdueBeyondGrace > 0 ? Standing.SuspendedOrSeverelyOverdue
        : account.IsStarterTerms || account.TierCode is null ? Standing.Starter
        : Standing.Good;

    private enum Standing
    {
        Good,
        Starter,
        SuspendedOrSeverelyOverdue,
    }

    private static Entity Order(StoryContext story, Guid accountId, decimal amount) => new(SalesOrder.EntityLogicalName)
    {
        [SalesOrder.Fields.Name] = OrderName,
        [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, accountId),
        [SalesOrder.Fields.TotalAmount] = new Money(amount),
        [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, story.Reference.CurrencyId),
        [SalesOrder.Fields.Channel] = new OptionSetValue((int)OrderChannel.SalesRep),
    };
}

/// <summary>What the day's order entry came to.</summary>
internal sealed record IntakeSummary(int Entered, int Approved, int Held, int Refused, int Batches)
{
    /// <summary>Orders of customers in good standing (scored, not suspended, nothing overdue beyond grace).</summary>
    public int GoodStandingOrders { get; init; }

    public int GoodStandingApproved { get; init; }

    /// <summary>Refusals of customers neither suspended nor overdue beyond grace (should be none).</summary>
    public int RefusedInGoodStanding { get; init; }

    public int StarterOrders { get; init; }

    public double GoodStandingApprovedShare => GoodStandingOrders > 0 ? (double)GoodStandingApproved / GoodStandingOrders : 1;
}
