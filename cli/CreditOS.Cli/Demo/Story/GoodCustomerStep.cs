using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Configuration;

namespace CreditOS.Cli.Demo.Story;

/// <summary>A Strategic or Preferred customer with room under its limit orders a fifth of its available credit.</summary>
internal static class GoodCustomerStep
{
    private const decimal ShareOfAvailable = 0.2m;
    private const decimal RoundTo = 100m;

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts)
    {
        var account = accounts
            .Where(a => a.TierCode is DefaultCreditConfiguration.Strategic or DefaultCreditConfiguration.Preferred && !a.IsSuspended && a.Overdue == 0 && a.Available > RoundTo * 10)
            .OrderByDescending(a => a.Available)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("a good customer's order approved", "no Strategic or Preferred customer without overdue items in this portfolio");
            return;
        }

        var amount = Math.Round(account.Available * ShareOfAvailable / RoundTo) * RoundTo;
        var order = StoryOrders.Enter(story, account, amount, "Story: replenishment order");
        var currency = story.Reference.CurrencyCode;
        story.Output.Line("A. " + story.Reference.People.SalesRepName + " enters an order of " + Figures.Money(currency, amount) + " for " + StoryOrders.Describe(account, currency) + ".");
        story.Output.Line("   Credit check: " + StoryText.Status(order) + ".");
        story.Run.Story.Add(new GoodOrderOutcome(account.AccountId, order));
    }
}
