using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// The rest of the day's order entry: every generated customer places one order (about one to three of its usual
/// invoices, drawn from the demo's seed) through the credit check, in ExecuteMultiple batches that continue past
/// refusals. The outcomes feed the rejection rate per segment.
/// </summary>
internal static class OrderIntake
{
    private const double SmallestOrderInInvoices = 0.5;
    private const double OrderSpreadInInvoices = 2.5;
    private const decimal RoundTo = 10m;
    private const string OrderName = "Order intake";
    private const decimal OrderOfACustomerWithoutInvoices = 1_000m;

    public static IntakeSummary Run(StoryContext story, ulong seed, IReadOnlyCollection<Guid> storyAccounts)
    {
        var random = new Random(unchecked((int)seed));
        var accounts = AccountSnapshot.ReadAll(story.System).ToDictionary(a => a.AccountId);
        var customers = story.Run.Portfolio!.Customers.Where(c => !storyAccounts.Contains(c.AccountId) && accounts.ContainsKey(c.AccountId)).ToList();
        var created = new List<(Guid OrderId, string Segment)>();
        var refused = new List<string>();
        foreach (var batch in customers.Chunk(BatchWriter.MaxRequestsPerBatch))
        {
            var requests = new OrganizationRequestCollection();
            foreach (var customer in batch)
            {
                var typical = customer.History.Invoices.Count > 0 ? customer.History.Invoices.Average(i => i.Amount) : OrderOfACustomerWithoutInvoices;
                var amount = Math.Round(typical * (decimal)(SmallestOrderInInvoices + (random.NextDouble() * OrderSpreadInInvoices)) / RoundTo) * RoundTo;
                requests.Add(new CreateRequest { Target = Order(story, customer.AccountId, amount) });
            }

            var response = (ExecuteMultipleResponse)story.SalesRep.Execute(new ExecuteMultipleRequest
            {
                Requests = requests,
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            });
            foreach (var item in response.Responses)
            {
                var segment = accounts[batch[item.RequestIndex].AccountId].Segment;
                if (item.Fault is not null)
                {
                    refused.Add(segment);
                    story.OrderChecks.Add(new OrderCheckRecord(segment, CreditEngine.Decisions.DecisionOutcome.Block));
                }
                else
                {
                    created.Add((((CreateResponse)item.Response).id, segment));
                }
            }
        }

        var held = 0;
        foreach (var (orderId, segment) in created)
        {
            var status = story.System.Retrieve(SalesOrder.EntityLogicalName, orderId, new ColumnSet(SalesOrder.Fields.CreditStatus))
                .GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
            var isHeld = status == (int)SalesOrderCreditStatus.OnHold;
            held += isHeld ? 1 : 0;
            story.OrderChecks.Add(new OrderCheckRecord(segment, isHeld ? CreditEngine.Decisions.DecisionOutcome.RequireApproval : CreditEngine.Decisions.DecisionOutcome.Approve));
        }

        return new IntakeSummary(customers.Count, created.Count - held, held, refused.Count, (int)Math.Ceiling(customers.Count / (double)BatchWriter.MaxRequestsPerBatch));
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
internal sealed record IntakeSummary(int Entered, int Approved, int Held, int Refused, int Batches);
