namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// Plays the story steps in order, as the people in it would, through the organization service; every step reads its
/// outcome back from the local Dataverse. A step whose plugin is not registered is left out and named.
/// </summary>
internal static class StoryTeller
{
    private const string NoOrderCheck = "the order-entry credit check plugin is not registered";

    public static void Tell(StoryContext story)
    {
        story.Output.Section("The story");
        try
        {
            TellSteps(story);
            ReportServiceBus(story);
        }
        finally
        {
            story.Integration.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>How many of the ERP's messages went through the local Service Bus, and how many were dead-lettered.</summary>
    private static void ReportServiceBus(StoryContext story)
    {
        if (story.Integration.ServiceBusIfStarted is not { } bus)
        {
            return;
        }

        story.Run.ServiceBusMessages = bus.Sent;
        story.Run.ServiceBusDeadLettered = bus.DeadLettered;
        story.Output.Line("Service Bus: " + Reporting.Figures.Count(bus.Sent) + " ERP payment message(s) went through the local Service Bus (published with ServiceBusSender, consumed by the worker's Service Bus pump into Dataverse over the Web API); "
            + (bus.DeadLettered == 0 ? "none" : Reporting.Figures.Count(bus.DeadLettered)) + " dead-lettered.");
    }

    private static void TellSteps(StoryContext story)
    {
        if (!story.Capabilities.ChecksOrders)
        {
            foreach (var step in new[] { "a good customer's order approved", "an order over the limit held and decided by Finance", "a payment that lifts a hold", "a bureau judgment that suspends a customer", "a new customer on starter terms" })
            {
                story.Skip(step, NoOrderCheck);
            }

            return;
        }

        var accounts = Reporting.AccountSnapshot.ReadAll(story.System);
        var used = new HashSet<Guid>();
        GoodCustomerStep.Play(story, accounts);
        foreach (var outcome in story.Run.Story)
        {
            used.UnionWith(outcome.AccountIds);
        }

        HeldOrderStep.Play(story, accounts, used);
        if (story.Capabilities.PostsPayments)
        {
            PaymentStep.Play(story, accounts, used);
        }
        else
        {
            story.Skip("a payment that lifts a hold", "the payment posting plugin is not registered");
        }

        if (story.Capabilities.ReadsBureauReports)
        {
            JudgmentStep.Play(story, accounts, used);
        }
        else
        {
            story.Skip("a bureau judgment that suspends a customer", "the bureau report plugin is not registered");
        }

        if (story.Capabilities.ReadsBureauReports)
        {
            BureauMonitoringStep.Play(story, accounts, used);
        }
        else
        {
            story.Skip("a monitored customer's rating drops overnight at the bureau", "the bureau report plugin is not registered");
        }

        StarterStep.Play(story);
        HoldCodeStep.Play(story, accounts, used);
        GroupLimitStep.Play(story, accounts, used);
        CreditApplicationStep.Play(story);
        Intake(story);
        // Last: the collector's day moves the clock on three days.
        CollectionsStep.Play(story, accounts, used);
    }

    private static void Intake(StoryContext story)
    {
        var storyAccounts = story.Run.Story.SelectMany(s => s.AccountIds).ToHashSet();
        var intake = OrderIntake.Run(story, story.Seed, storyAccounts);
        story.Run.Intake = intake;
        story.Output.Line("F. The rest of the day: every other customer places one order through the credit check (" + Reporting.Figures.Count(intake.Entered) + " orders in "
            + intake.Batches + " ExecuteMultiple batch(es)): " + Reporting.Figures.Count(intake.Approved) + " approved, " + Reporting.Figures.Count(intake.Held)
            + " held for Finance, " + Reporting.Figures.Count(intake.AwaitingPrepayment) + " awaiting prepayment (no Finance request), " + Reporting.Figures.Count(intake.Refused) + " refused.");
        story.Output.Line("   Customers in good standing (scored, not suspended, nothing overdue beyond grace): " + Reporting.Figures.Count(intake.GoodStandingApproved) + " of "
            + Reporting.Figures.Count(intake.GoodStandingOrders) + " orders approved at once (" + Reporting.Figures.Percent(intake.GoodStandingApprovedShare) + ", target at least 95%); "
            + Reporting.Figures.Count(intake.RefusedInGoodStanding) + " refusal(s) of customers neither suspended nor overdue beyond grace; "
            + Reporting.Figures.Count(intake.StarterOrders) + " order(s) of customers on prepayment terms (starter or Prepay tier), counted apart.");
        story.Output.Line("   Customers overdue beyond grace within their policy's overdue tolerance (small and recent; the order says what to collect): "
            + Reporting.Figures.Count(intake.WithinToleranceApproved) + " of " + Reporting.Figures.Count(intake.WithinToleranceOrders) + " orders approved at once.");
        story.Output.Line("   Credit approval requests waiting in the Finance queue: " + Reporting.Figures.Count(ApprovalRequests.Pending(story.System)) + ". The "
            + Reporting.Figures.Count(intake.Entered) + " orders are " + intake.WorkingDaysOfOrders.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            + " working days of these customers' own orders (" + Reporting.Figures.Count(intake.BookOrdersLast12Months) + " in the last 12 months, "
            + intake.BookOrdersPerWorkingDay.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " per working day): at that rate Finance receives about "
            + intake.HeldPerWorkingDay.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " held orders a day.");
        HoldReasons(story, intake);
    }

    /// <summary>Why the day's orders were held: each hold reason code per tier, good-standing customers apart.</summary>
    private static void HoldReasons(StoryContext story, IntakeSummary intake)
    {
        if (intake.HeldOrders.Count == 0)
        {
            return;
        }

        story.Output.Line("   Held orders by hold reason and tier (an order may carry several reasons; in good standing / all):");
        var tally = intake.HeldOrders
            .SelectMany(h => h.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(code => (h.Tier, Code: code, h.GoodStanding)))
            .GroupBy(x => (x.Code, x.Tier))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal).ThenByDescending(g => g.Count());
        foreach (var group in tally)
        {
            story.Output.Line("     " + Label(group.Key.Code) + ", " + group.Key.Tier + ": " + Reporting.Figures.Count(group.Count(x => x.GoodStanding)) + " / " + Reporting.Figures.Count(group.Count()));
        }
    }

    /// <summary>A stored hold reason code in the words simulate uses for it (one home: <see cref="CreditOS.CreditEngine.Decisions.DecisionReasonLabel"/>).</summary>
    private static string Label(string code) =>
        Enum.TryParse<CreditOS.CreditEngine.Decisions.DecisionReasonCode>(code, ignoreCase: false, out var known)
            ? CreditOS.CreditEngine.Decisions.DecisionReasonLabel.Of(known)
            : code;
}
