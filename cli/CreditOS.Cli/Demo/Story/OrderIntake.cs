using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// The rest of the day's order entry: every generated customer places one routine order (the size of one of its own
/// orders of the last 12 months, drawn from the demo's seed) through the credit check, in ExecuteMultiple batches that continue past
/// refusals. The outcomes feed the rejection rate per segment.
/// </summary>
internal static class OrderIntake
{
    private const int MonthsAveraged = 12;
    private const decimal RoundTo = 10m;
    private const string OrderName = "Order intake";
    private const decimal OrderOfACustomerWithoutInvoices = 1_000m;

    public static IntakeSummary Run(StoryContext story, ulong seed, IReadOnlyCollection<Guid> storyAccounts)
    {
        var random = new Random(unchecked((int)seed));
        var accounts = AccountSnapshot.ReadAll(story.System).ToDictionary(a => a.AccountId);
        var customers = story.Run.Portfolio!.Customers.Where(c => !storyAccounts.Contains(c.AccountId) && accounts.ContainsKey(c.AccountId)).ToList();
        var created = new List<(Guid OrderId, string Segment, string Tier, Standing Standing)>();
        var refused = new List<Standing>();
        var entered = new List<Standing>();
        foreach (var batch in customers.Chunk(BatchWriter.MaxRequestsPerBatch))
        {
            var requests = new OrganizationRequestCollection();
            foreach (var customer in batch)
            {
                var amount = RoutineOrder(customer.History, story.Run.Clock.Today, random);
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
                var standing = StandingOf(account, story.Run.Clock.Today);
                entered.Add(standing);
                if (item.Fault is not null)
                {
                    refused.Add(standing);
                    story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.Block));
                }
                else
                {
                    created.Add((((CreateResponse)item.Response).id, segment, account.Tier, standing));
                }
            }
        }

        var held = 0;
        var awaitingPrepayment = 0;
        var keptRefused = 0;
        var goodStandingApproved = 0;
        var withinToleranceApproved = 0;
        var holdReasons = new List<HeldOrderReasons>();
        foreach (var (orderId, segment, tier, standing) in created)
        {
            var order = story.System.Retrieve(SalesOrder.EntityLogicalName, orderId, new ColumnSet(SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReasonCode));
            var status = order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
            if (status == (int)SalesOrderCreditStatus.Refused)
            {
                // The credit check refused it: saved as the refusal's trace (Refused), neither approved nor held.
                refused.Add(standing);
                keptRefused++;
                story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.Block));
                continue;
            }

            if (status == (int)SalesOrderCreditStatus.AwaitingPrepayment)
            {
                // Prepayment terms the only reason: waits for the customer's payment, not for Finance (counted apart).
                awaitingPrepayment++;
                story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.AwaitPrepayment));
                continue;
            }

            var isHeld = status == (int)SalesOrderCreditStatus.OnHold;
            held += isHeld ? 1 : 0;
            if (isHeld)
            {
                holdReasons.Add(new HeldOrderReasons(tier, standing == Standing.Good, order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode) ?? string.Empty));
            }

            goodStandingApproved += !isHeld && standing == Standing.Good ? 1 : 0;
            withinToleranceApproved += !isHeld && standing == Standing.OverdueWithinTolerance ? 1 : 0;
            story.OrderChecks.Add(new OrderCheckRecord(segment, isHeld ? CreditEngine.Decisions.DecisionOutcome.RequireApproval : CreditEngine.Decisions.DecisionOutcome.Approve));
        }

        return new IntakeSummary(customers.Count, created.Count - held - keptRefused - awaitingPrepayment, held, refused.Count, (int)Math.Ceiling(customers.Count / (double)BatchWriter.MaxRequestsPerBatch))
        {
            AwaitingPrepayment = awaitingPrepayment,
            GoodStandingOrders = entered.Count(s => s == Standing.Good),
            GoodStandingApproved = goodStandingApproved,
            RefusedInGoodStanding = refused.Count(s => s is Standing.Good or Standing.Starter),
            StarterOrders = entered.Count(s => s == Standing.Starter),
            WithinToleranceOrders = entered.Count(s => s == Standing.OverdueWithinTolerance),
            WithinToleranceApproved = withinToleranceApproved,
            HeldOrders = holdReasons,
            BookOrdersLast12Months = customers.Sum(c => c.History.Invoices.Count(i => i.InvoiceDate > story.Run.Clock.Today.AddMonths(-MonthsAveraged))),
        };
    }

    /// <summary>
    /// A routine order is the size of one of the customer's own orders: the amount of one of its invoices of the last
    /// 12 months, drawn at random (each invoice is one order in the history); a customer without invoices in that time
    /// orders a small first amount.
    /// </summary>
    private static decimal RoutineOrder(CreditEngine.History.CustomerHistory history, DateTime today, Random random)
    {
        var since = today.AddMonths(-MonthsAveraged);
        var recent = history.Invoices.Where(i => i.InvoiceDate > since).ToList();
        var amount = recent.Count == 0 ? OrderOfACustomerWithoutInvoices : recent[random.Next(recent.Count)].Amount;
        return Math.Max(RoundTo, Math.Round(amount / RoundTo) * RoundTo);
    }

    /// <summary>
    /// Good standing: scored, not suspended, nothing overdue beyond grace (as the account stood when the order came
    /// in). Customers on prepayment terms (starter terms, or a policy that asks for prepayment such as the Prepay
    /// tier's) do not buy on credit, so their orders are counted apart. Customers on credit terms whose overdue beyond
    /// grace their policy's overdue tolerance covers are counted apart too (not in good standing: they owe something).
    /// </summary>
    private static Standing StandingOf(AccountSnapshot account, DateTime today) =>
        account.IsSuspended ? Standing.SuspendedOrSeverelyOverdue
        : account.OverdueBeyondGrace > 0 && !account.IsStarterTerms && account.TierCode is not null && !account.RequiresPrepayment && account.OverdueWithinTolerance(today)
            ? Standing.OverdueWithinTolerance
        : account.OverdueBeyondGrace > 0 ? Standing.SuspendedOrSeverelyOverdue
        : account.IsStarterTerms || account.TierCode is null || account.RequiresPrepayment ? Standing.Starter
        : Standing.Good;

    private enum Standing
    {
        Good,
        Starter,
        SuspendedOrSeverelyOverdue,

        /// <summary>On credit terms, not suspended, overdue beyond grace within the policy's overdue tolerance.</summary>
        OverdueWithinTolerance,
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

    /// <summary>Orders of customers on credit terms whose overdue beyond grace the policy's overdue tolerance covers.</summary>
    public int WithinToleranceOrders { get; init; }

    /// <summary>Of <see cref="WithinToleranceOrders"/>, those approved at once.</summary>
    public int WithinToleranceApproved { get; init; }

    /// <summary>Orders saved Awaiting prepayment (prepayment terms their only reason): no Finance request, counted apart from held.</summary>
    public int AwaitingPrepayment { get; init; }

    /// <summary>Every held order's tier, standing and hold reason codes (as the order check wrote them).</summary>
    public IReadOnlyList<HeldOrderReasons> HeldOrders { get; init; } = [];

    /// <summary>Orders the same customers placed in the last 12 months (one invoice per order in the history).</summary>
    public int BookOrdersLast12Months { get; init; }

    /// <summary>The book's orders per working day over the last 12 months (250 working days).</summary>
    public double BookOrdersPerWorkingDay => BookOrdersLast12Months / WorkingDaysPerYear;

    /// <summary>How many working days of the book's own orders the intake's orders are.</summary>
    public double WorkingDaysOfOrders => BookOrdersPerWorkingDay > 0 ? Entered / BookOrdersPerWorkingDay : 0;

    /// <summary>Finance requests per working day were the intake's held orders spread at the book's own order rate.</summary>
    public double HeldPerWorkingDay => WorkingDaysOfOrders > 0 ? Held / WorkingDaysOfOrders : Held;

    private const double WorkingDaysPerYear = 250;

    public double GoodStandingApprovedShare => GoodStandingOrders > 0 ? (double)GoodStandingApproved / GoodStandingOrders : 1;
}

/// <summary>A held order of the day: the customer's tier, whether it was in good standing, and the hold reason codes (comma-separated).</summary>
internal sealed record HeldOrderReasons(string Tier, bool GoodStanding, string Codes);
