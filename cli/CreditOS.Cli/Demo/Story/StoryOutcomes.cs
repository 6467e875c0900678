namespace CreditOS.Cli.Demo.Story;

/// <summary>A good customer's order, approved by the credit check.</summary>
internal sealed record GoodOrderOutcome(Guid AccountId, OrderEntry Order) : StoryOutcome("A good customer's order")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}

/// <summary>An order over the limit: held with its reason, routed to Finance, refused to the sales rep, decided by the approver.</summary>
internal sealed record HeldOrderOutcome(Guid AccountId, OrderEntry Held, ApprovalRequestState? Routed, string? SalesRepRefusal, ApprovalRequestState? Decided, OrderEntry? After)
    : StoryOutcome("An order over the limit")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}

/// <summary>A payment posted from the ERP that cures the hold on an order.</summary>
internal sealed record PaymentOutcome(Guid AccountId, OrderEntry Held, decimal Paid, string? Refusal, OrderEntry? After) : StoryOutcome("A payment that lifts a hold")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}

/// <summary>A bureau report with a judgment, and the next order.</summary>
internal sealed record JudgmentOutcome(Guid AccountId, string? Refusal, bool IsSuspended, string? SuspensionReason, OrderEntry? NextOrder) : StoryOutcome("A bureau judgment")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}

/// <summary>A new customer, scored on demand, and its first order.</summary>
internal sealed record StarterOutcome(Guid AccountId, bool IsStarterTerms, string Tier, OrderEntry FirstOrder) : StoryOutcome("A new customer")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}

/// <summary>A credit approval request as Dataverse holds it.</summary>
internal sealed record ApprovalRequestState(Guid RequestId, string Status, string? Queue, string? DecidedBy, string? Comment);

/// <summary>A new customer's credit application: the bureau consulted, Finance's initial limit, the first order on it.</summary>
internal sealed record CreditApplicationOutcome(Guid AccountId, Guid ApplicationId, string Status, decimal RecommendedLimit, decimal? ApprovedLimit, OrderEntry BeforeApproval, OrderEntry FirstOrder)
    : StoryOutcome("A new customer's credit application")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}
