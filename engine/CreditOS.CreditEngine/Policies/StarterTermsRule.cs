namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// Customers with less history than this get the starter tier and policy (prepay by default) and move to their scored
/// tier once the threshold is met. With <see cref="RequireBoth"/> both minimums must be met, otherwise either suffices.
/// </summary>
public sealed record StarterTermsRule(int MinimumCompletedOrders, int MinimumMonthsOfHistory, bool RequireBoth, string TierCode, string PolicyCode)
{
    public bool AppliesTo(int completedOrders, int monthsOfHistory)
    {
        var ordersMet = completedOrders >= MinimumCompletedOrders;
        var monthsMet = monthsOfHistory >= MinimumMonthsOfHistory;
        var thresholdMet = RequireBoth ? ordersMet && monthsMet : ordersMet || monthsMet;
        return !thresholdMet;
    }
}
