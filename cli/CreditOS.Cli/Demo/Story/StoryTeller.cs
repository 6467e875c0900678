namespace CreditOS.Cli.Demo.Story;

/// <summary>Plays the story steps in order; each step reads its outcome back from the local Dataverse.</summary>
internal static class StoryTeller
{
    private const string NoOrderCheck = "the order-entry credit check plugin is not in the CreditOS.Plugins assembly yet";

    public static void Tell(StoryContext story)
    {
        story.Output.Section("The story");
        if (!story.Capabilities.ChecksOrders)
        {
            story.Skip("a good customer's order approved", NoOrderCheck);
            story.Skip("an order over the limit held and decided by Finance", NoOrderCheck);
            story.Skip("a payment that lifts a hold", NoOrderCheck);
            story.Skip("a bureau judgment that suspends a customer", NoOrderCheck);
            story.Skip("a new customer on starter terms", NoOrderCheck);
            return;
        }
    }
}
