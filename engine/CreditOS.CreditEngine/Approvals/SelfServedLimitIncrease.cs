namespace CreditOS.CreditEngine.Approvals;

/// <summary>
/// When a limit increase a sales rep asks for is applied at once by the credit flow, without Finance, and for how long.
/// Applied without Finance only when all three hold:
/// <list type="bullet">
/// <item>the customer already buys on credit: it has been scored, its policy does not ask for prepayment (starter or
/// prepay terms) unless Finance has lifted that with a limit of its own, and it is not suspended. Credit for a customer
/// on prepayment is an initial limit, Finance's decision (a credit application); the limit a rep raises is stored as the
/// account's approved limit, which would otherwise lift the prepayment requirement with no Finance decision at all;</item>
/// <item>together with the increases already applied without Finance since Finance last set the limit, it is within the
/// configured amount (asking again and again does not walk the limit past Finance);</item>
/// <item>(its bound) it holds at most as long as the customer's approval route lets a temporary limit run, and never past
/// the review date of a limit Finance set: after that the engine's own limit applies again. An increase with no review
/// date would be in force for ever, replacing the computed limit (and the bureau's cap) through every rescoring however
/// the customer deteriorates.</item>
/// </list>
/// </summary>
public static class SelfServedLimitIncrease
{
    public static SelfServedLimitDecision Decide(SelfServedLimitRequest request)
    {
        Require.NotNull(request, "The limit request");
        var increase = request.RequestedLimit - request.CurrentLimit;
        var together = increase + request.AlreadyRaisedWithoutFinance;
        if (!request.IsScored)
        {
            return SelfServedLimitDecision.ForFinance("the customer has not been scored yet, so its first limit is Finance's (a credit application)");
        }

        if (request.IsSuspended)
        {
            return SelfServedLimitDecision.ForFinance("the customer is suspended");
        }

        if (request.PolicyRequiresPrepayment && !request.FinanceLimitInForce)
        {
            return SelfServedLimitDecision.ForFinance("the customer's terms ask for prepayment, which only a limit Finance sets lifts");
        }

        if (together > request.NoApprovalAmount)
        {
            return SelfServedLimitDecision.ForFinance(
                "with the " + MoneyText.Amount(request.AlreadyRaisedWithoutFinance) + " already raised without Finance it would be " + MoneyText.Amount(together)
                + ", more than the " + MoneyText.Amount(request.NoApprovalAmount) + " that needs no Finance approval");
        }

        var reviewOn = request.AsOf.Date.AddDays(request.LongestTemporaryDays);
        if (request.FinanceReviewOn is { } finance && finance > request.AsOf && finance < reviewOn)
        {
            reviewOn = finance;
        }

        return SelfServedLimitDecision.WithoutFinance(reviewOn);
    }
}

/// <summary>What <see cref="SelfServedLimitIncrease"/> is asked about: the account's limit as stored and the figures around it.</summary>
public sealed class SelfServedLimitRequest
{
    public decimal CurrentLimit { get; init; }

    public decimal RequestedLimit { get; init; }

    /// <summary>The increases applied without Finance since Finance last set the limit.</summary>
    public decimal AlreadyRaisedWithoutFinance { get; init; }

    /// <summary>The configured amount up to which increases need no Finance approval.</summary>
    public decimal NoApprovalAmount { get; init; }

    /// <summary>Whether the customer has been scored (it has a policy).</summary>
    public bool IsScored { get; init; }

    public bool IsSuspended { get; init; }

    /// <summary>Whether the customer's policy asks for prepayment (starter or prepay terms).</summary>
    public bool PolicyRequiresPrepayment { get; init; }

    /// <summary>Whether a limit Finance approved is in force (it lifts prepayment; <c>AccountCreditContext.InForce</c>).</summary>
    public bool FinanceLimitInForce { get; init; }

    /// <summary>The review date of the limit Finance set, if any.</summary>
    public DateTime? FinanceReviewOn { get; init; }

    /// <summary>How long the customer's approval route lets a temporary limit run, in days.</summary>
    public int LongestTemporaryDays { get; init; }

    public DateTime AsOf { get; init; }
}

/// <summary>The answer: applied without Finance until <see cref="ReviewOn"/>, or for Finance, with why.</summary>
public sealed class SelfServedLimitDecision
{
    private SelfServedLimitDecision(bool appliesWithoutFinance, DateTime? reviewOn, string? whyFinance)
    {
        AppliesWithoutFinance = appliesWithoutFinance;
        ReviewOn = reviewOn;
        WhyFinance = whyFinance;
    }

    public bool AppliesWithoutFinance { get; }

    /// <summary>Until when the increase holds (exclusive), when applied without Finance.</summary>
    public DateTime? ReviewOn { get; }

    /// <summary>Why Finance decides it, when it does.</summary>
    public string? WhyFinance { get; }

    public static SelfServedLimitDecision WithoutFinance(DateTime reviewOn) => new(true, reviewOn, null);

    public static SelfServedLimitDecision ForFinance(string why) => new(false, null, why);
}
