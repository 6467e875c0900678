using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// Two good customers turn out to be one group: the second becomes a subsidiary of the first, which holds a group
/// limit just above what the two owe together (set by the credit flow: Finance has no request path for group limits
/// yet). The subsidiary's next order fits its own limit but not the group's, and is held naming the group and its figures.
/// </summary>
internal static class GroupLimitStep
{
    private const decimal OrderAmount = 2_000m;
    private const decimal GroupRoom = 500m;

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var candidates = accounts
            .Where(a => !used.Contains(a.AccountId) && !a.IsSuspended && !a.RequiresPrepayment && a.OverdueBeyondGrace == 0m && a.Available > 4 * OrderAmount)
            .OrderByDescending(a => a.Limit)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(2)
            .ToList();
        if (candidates.Count < 2)
        {
            story.Skip("a credit group's limit", "fewer than two customers in good standing with room for the order in this portfolio");
            return;
        }

        var (parent, subsidiary) = (candidates[0], candidates[1]);
        used.Add(parent.AccountId);
        used.Add(subsidiary.AccountId);
        var currency = story.Reference.CurrencyCode;
        var groupLimit = parent.Exposure + subsidiary.Exposure + GroupRoom;
        story.System.Update(new Entity(Account.EntityLogicalName, subsidiary.AccountId) { [Account.Fields.ParentAccountId] = new EntityReference(Account.EntityLogicalName, parent.AccountId) });
        story.System.Update(new Entity(Account.EntityLogicalName, parent.AccountId) { [Account.Fields.GroupLimit] = new Money(groupLimit) });
        story.Output.Line("H. " + subsidiary.Name + " is a subsidiary of " + parent.Name + ", which holds a group limit of " + Figures.Money(currency, groupLimit)
            + " for both (their exposure together " + Figures.Money(currency, parent.Exposure + subsidiary.Exposure) + ").");
        var order = StoryOrders.Enter(story, subsidiary, OrderAmount, "Story: order over the group limit");
        story.Output.Line("   " + subsidiary.Name + " orders " + Figures.Money(currency, OrderAmount) + " (its own available credit " + Figures.Money(currency, subsidiary.Available)
            + "): " + StoryText.Status(order) + ".");
        story.Run.Story.Add(new GroupLimitOutcome(parent.AccountId, subsidiary.AccountId, groupLimit, order));
    }
}

/// <summary>A subsidiary's order within its own limit, held for its group's.</summary>
internal sealed record GroupLimitOutcome(Guid ParentId, Guid SubsidiaryId, decimal GroupLimit, OrderEntry Order) : StoryOutcome("A credit group's limit")
{
    public override IReadOnlyList<Guid> AccountIds => [SubsidiaryId, ParentId];
}
