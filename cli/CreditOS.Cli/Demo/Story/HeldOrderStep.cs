using System.ServiceModel;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// A Standard or Preferred customer orders more than its available credit (but not so much that the policy blocks it):
/// the order is held with its reason, the solution's process routes it to Finance, the sales rep cannot approve it,
/// and the finance approver approves it with a comment.
/// </summary>
internal static class HeldOrderStep
{
    private const decimal ExcessShareOfLimit = 0.1m;
    private const decimal MinimumAvailableShare = 0.1m;
    private const decimal MaximumAvailableShare = 0.9m;
    private const decimal RoundTo = 100m;
    private const string ApprovalComment = "Long-standing customer, paying on time; approved once over the limit.";
    private const string SelfApprovalComment = "Approving my own order.";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var account = accounts
            .Where(a => !used.Contains(a.AccountId) && a.TierCode is DefaultCreditConfiguration.Standard or DefaultCreditConfiguration.Preferred
                && !a.IsSuspended && a.Overdue == 0 && a.Limit > 0 && a.Available > a.Limit * MinimumAvailableShare && a.Available < a.Limit * MaximumAvailableShare)
            .OrderByDescending(a => a.Limit)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("an order over the limit held and decided by Finance", "no Standard or Preferred customer with room for a modest over-limit order");
            return;
        }

        used.Add(account.AccountId);
        var currency = story.Reference.CurrencyCode;
        var amount = Math.Ceiling((account.Available + (account.Limit * ExcessShareOfLimit)) / RoundTo) * RoundTo;
        var held = StoryOrders.Enter(story, account, amount, "Story: large project order");
        story.Output.Line("B. " + story.Reference.People.SalesRepName + " enters an order of " + Figures.Money(currency, amount) + " for " + StoryOrders.Describe(account, currency) + ".");
        story.Output.Line("   Credit check: " + StoryText.Status(held) + ".");
        if (held.OrderId is not { } orderId || held.CreditStatus != SalesOrderCreditStatus.OnHold)
        {
            story.Run.Story.Add(new HeldOrderOutcome(account.AccountId, held, null, null, null, null));
            return;
        }

        var routed = ApprovalRequests.ForOrder(story.System, orderId);
        if (routed is null)
        {
            story.Output.Line("   No approval request was created for the held order (the routing process did not run).");
            story.Run.Story.Add(new HeldOrderOutcome(account.AccountId, held, null, null, null, null));
            return;
        }

        story.Output.Line("   The process 'Route held order for credit approval' created an approval request in the queue '" + routed.Queue + "' (status " + routed.Status + ").");
        string? refusal = null;
        try
        {
            ApprovalRequests.Decide(story.SalesRep, routed.RequestId, CreditApprovalStatus.Approved, SelfApprovalComment);
        }
        catch (FaultException<OrganizationServiceFault> refused)
        {
            refusal = refused.Detail.Message;
        }

        story.Output.Line("   " + story.Reference.People.SalesRepName + " tries to approve it: " + (refusal is null ? "ALLOWED (segregation of duties not enforced!)" : "refused: " + refusal));
        ApprovalRequests.Decide(story.FinanceApprover, routed.RequestId, CreditApprovalStatus.Approved, ApprovalComment);
        var decided = ApprovalRequests.ForOrder(story.System, orderId);
        var after = StoryOrders.Read(story.System, orderId);
        story.Output.Line("   " + story.Reference.People.FinanceApproverName + " approves it (\"" + ApprovalComment + "\"): request " + decided?.Status
            + (decided?.DecidedBy is { } by ? " by " + by : string.Empty) + "; order " + StoryText.Status(after) + ".");
        story.Run.Story.Add(new HeldOrderOutcome(account.AccountId, held, routed, refusal, decided, after));
    }
}
