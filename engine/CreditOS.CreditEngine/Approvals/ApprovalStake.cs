namespace CreditOS.CreditEngine.Approvals;

/// <summary>
/// What an approval puts at stake, in the request's currency: <see cref="What"/> names it for the message ("releasing
/// the order leaves the customer an exposure of", "approving a credit limit of").
/// </summary>
public sealed record ApprovalStake(string What, decimal Amount)
{
    /// <summary>
    /// Releasing a held order: the customer's exposure with the order (as the request shows it and as it is now, the
    /// higher) and any temporary limit granted with it.
    /// </summary>
    public static ApprovalStake OrderRelease(decimal exposureShown, decimal exposureNow, decimal? temporaryLimit)
    {
        var exposure = Math.Max(exposureShown, exposureNow);
        return temporaryLimit is { } temporary && temporary > exposure
            ? new ApprovalStake("granting a temporary limit of", temporary)
            : new ApprovalStake("releasing the order leaves the customer an exposure of", exposure);
    }

    /// <summary>A credit limit (initial, increase, review, kept on a rejected review) or a group limit put in force.</summary>
    public static ApprovalStake Limit(string what, decimal limit) => new(what, limit);
}
