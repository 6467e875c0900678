using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// A credit manager puts a customer message with a hold code on a good customer: the sales rep's next order is held
/// with the message's text although it is well within the limit; the credit manager ends the message (who and when
/// recorded) and the order after it is approved.
/// </summary>
internal static class HoldCodeStep
{
    private const decimal OrderAmount = 1_000m;
    private const string Code = "LEGAL";
    private const string Text = "Account under legal review after a contract dispute: no new orders until Legal clears it";
    private const string EndReason = "Legal confirmed the settlement of the contract dispute";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var account = accounts
            .Where(a => !used.Contains(a.AccountId) && !a.IsSuspended && !a.RequiresPrepayment && a.OverdueBeyondGrace == 0m && a.Available > 4 * OrderAmount)
            .OrderByDescending(a => a.Available)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("a hold code that stops an order", "no customer in good standing with room for the order in this portfolio");
            return;
        }

        used.Add(account.AccountId);
        var currency = story.Reference.CurrencyCode;
        var codeId = story.System.Create(new Entity(MessageCode.EntityLogicalName)
        {
            [MessageCode.Fields.Code] = Code,
            [MessageCode.Fields.Text] = Text,
            [MessageCode.Fields.ActionRequired] = "Legal to confirm the dispute is settled",
            [MessageCode.Fields.IsHold] = true,
            [MessageCode.Fields.ShowOnWorklist] = true,
        });
        story.Output.Line("G. The credit manager (" + Seeding.FinanceSeeder.FinanceApproverName + ") puts the customer message " + Code + " (a hold code) on "
            + StoryOrders.Describe(account, currency) + ".");
        var messageId = story.FinanceApprover.Create(new Entity(CustomerMessage.EntityLogicalName)
        {
            [CustomerMessage.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account.AccountId),
            [CustomerMessage.Fields.MessageCodeId] = new EntityReference(MessageCode.EntityLogicalName, codeId),
        });
        var held = StoryOrders.Enter(story, account, OrderAmount, "Story: order under a hold code");
        story.Output.Line("   The sales rep's order of " + Figures.Money(currency, OrderAmount) + ": " + StoryText.Status(held) + ".");

        story.Run.Clock.Advance(TimeSpan.FromHours(1));
        story.FinanceApprover.Update(new Entity(CustomerMessage.EntityLogicalName, messageId)
        {
            [CustomerMessage.Fields.EndsOn] = story.Run.Clock.UtcNow,
            [CustomerMessage.Fields.EndReason] = EndReason,
        });
        var ended = story.System.Retrieve(CustomerMessage.EntityLogicalName, messageId, new ColumnSet(CustomerMessage.Fields.EndedBy, CustomerMessage.Fields.EndedOn, CustomerMessage.Fields.EndReason));
        var endedBy = ended.GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy);
        var endedOn = ended.GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndedOn);
        story.Output.Line("   Legal clears it; the credit manager ends the message (recorded: ended by "
            + (endedBy?.Id == story.Reference.People.FinanceApproverId ? Seeding.FinanceSeeder.FinanceApproverName : endedBy?.Id.ToString() ?? "nobody") + " at "
            + (endedOn?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-") + " UTC, why: "
            + (ended.GetAttributeValue<string>(CustomerMessage.Fields.EndReason) ?? "-") + ").");
        var after = StoryOrders.Enter(story, account, OrderAmount, "Story: order after the hold code ended");
        story.Output.Line("   The next order of " + Figures.Money(currency, OrderAmount) + ": " + StoryText.Status(after) + ".");
        story.Run.Story.Add(new HoldCodeOutcome(account.AccountId, held, endedBy?.Id, endedOn, after));
    }
}

/// <summary>A hold-code message that held an order, who ended it and when, and the order after it.</summary>
internal sealed record HoldCodeOutcome(Guid AccountId, OrderEntry Held, Guid? EndedBy, DateTime? EndedOn, OrderEntry After) : StoryOutcome("A hold code")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}
