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

    /// <summary>
    /// Lifting a suspension puts the customer's limit back in force (every order within it approved without Finance):
    /// the limit in force, or the exposure when the customer is already beyond it.
    /// </summary>
    public static ApprovalStake SuspensionLift(decimal limitInForce, decimal exposure) => exposure > limitInForce
        ? new ApprovalStake("lifting the suspension leaves the customer an exposure of", exposure)
        : new ApprovalStake("lifting the suspension puts back in force a credit limit of", limitInForce);

    /// <summary>
    /// Ending a running hold-code message lifts its hold on new orders, putting the customer's limit back in force as a
    /// suspension lift does: the limit in force, or the exposure when the customer is already beyond it.
    /// </summary>
    public static ApprovalStake HoldLift(decimal limitInForce, decimal exposure) => exposure > limitInForce
        ? new ApprovalStake("ending the hold leaves the customer an exposure of", exposure)
        : new ApprovalStake("ending the hold puts back in force a credit limit of", limitInForce);

    /// <summary>
    /// Taking an account out of its credit group (its parent changed or cleared) frees its orders from the group's limit,
    /// leaving only its own: its limit in force, or the exposure when the customer is already beyond it (controls round 11).
    /// </summary>
    public static ApprovalStake GroupExit(decimal limitInForce, decimal exposure) => exposure > limitInForce
        ? new ApprovalStake("taking the account out of its credit group leaves the customer an exposure of", exposure)
        : new ApprovalStake("taking the account out of its credit group puts in force its own credit limit of", limitInForce);

    /// <summary>
    /// Deactivating a credit group's parent or member takes its exposure out of the group's (the group sums its active
    /// accounts), so the other members may draw that much more under the group limit: its exposure, at most the group
    /// limit (controls round 12).
    /// </summary>
    public static ApprovalStake GroupDeactivation(decimal exposure, decimal groupLimit) =>
        new("deactivating the account frees for the other members of its credit group an exposure of", Math.Min(exposure, groupLimit));

    /// <summary>
    /// Classifying a customer (controls round 25): its customer group and industry pick the scoring rules and the revenue
    /// reference its Value score measures purchases against, so a classification moves the limit every later rescoring
    /// puts in force. It stakes the limit the customer's scoring would put in force under it when that is higher than
    /// under the classification it replaces, or when it lifts prepayment; null when it loosens nothing (a classification
    /// that keeps or tightens the customer's credit decides no credit).
    /// </summary>
    public static ApprovalStake? Classification(decimal limitBefore, bool prepaymentBefore, decimal limitAfter, bool prepaymentAfter)
    {
        if (prepaymentBefore && !prepaymentAfter)
        {
            return new ApprovalStake("classifying the customer so lifts its prepayment terms and puts in force a credit limit of", limitAfter);
        }

        return limitAfter > limitBefore
            ? new ApprovalStake("classifying the customer so raises the credit limit its scoring puts in force from " + MoneyText.Amount(limitBefore) + " to", limitAfter)
            : null;
    }

    /// <summary>
    /// Controls round 27: a classification whose effect the customer's history cannot show yet (on starter terms under
    /// either, so no limit to compare) and which the configuration scores otherwise lets the scoring that ends starter
    /// terms put in force whatever the new classification gives, up to the highest cap of the credit policies
    /// (<see cref="Scoring.SegmentScoring.MostGenerousPolicy"/>): that cap is what the classifier decides.
    /// </summary>
    public static ApprovalStake UnmeasuredClassification(string policyName, decimal highestCap) =>
        new("classifying the customer before its history shows what that does lets its scoring, once starter terms end, put in force any credit limit up to the cap of policy '" + policyName + "',", highestCap);

    /// <summary>A credit limit (initial, increase, review, kept on a rejected review) or a group limit put in force.</summary>
    public static ApprovalStake Limit(string what, decimal limit) => new(what, limit);
}
