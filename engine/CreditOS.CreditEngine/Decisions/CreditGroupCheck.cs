using CreditOS.CreditEngine.Exposure;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// The credit group's rule: an order that takes the group's exposure (every member's, the order included) above the
/// group limit needs Finance, and beyond the policy's utilization ceiling (or with a group limit of zero) it is blocked,
/// as the account's own limit is. No channel tolerance applies to a group. A group with members kept in another
/// currency cannot be added up, so its orders go to Finance with that said. The messages name the group and state its figures.
/// </summary>
internal static class CreditGroupCheck
{
    public static void Check(CreditGroupPosition group, DecisionFigures figures, OrderPolicyTerms terms, List<DecisionReason> reasons)
    {
        if (group.MembersInOtherCurrencies > 0)
        {
            reasons.Add(new DecisionReason(
                DecisionReasonCode.GroupCurrenciesMixed,
                DecisionOutcome.RequireApproval,
                figures,
                "The credit group " + group.GroupName + " has " + group.MembersInOtherCurrencies.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " member(s) whose credit is kept in another currency than " + figures.Currency + ", so its exposure cannot be added up against the group limit of "
                + figures.Money(group.GroupLimit) + "; Finance must approve."));
        }

        var exposureWithOrder = group.ExposureBeforeOrder + figures.OrderAmount;
        if (exposureWithOrder <= group.GroupLimit)
        {
            return;
        }

        var beyondMargin = terms.BlockAboveUtilization is { } ceiling && (group.GroupLimit <= 0 || exposureWithOrder > group.GroupLimit * (decimal)ceiling);
        var utilization = new ExposureFigures(group.GroupLimit, exposureWithOrder).UtilizationPercent;
        var text = "this order of " + figures.Money(figures.OrderAmount) + " takes the exposure of the credit group " + group.GroupName + " to "
            + figures.Money(exposureWithOrder) + " (" + MoneyText.Number((double)utilization, "0.##") + "% of it), above the group limit of " + figures.Money(group.GroupLimit)
            + " (group available before the order " + figures.Money(group.GroupLimit - group.ExposureBeforeOrder) + ")"
            + (beyondMargin ? ", beyond what Finance may approve; reduce the order or collect payment in the group first." : "; Finance must approve.");
        reasons.Add(beyondMargin
            ? new DecisionReason(DecisionReasonCode.OverGroupLimitBeyondApprovalMargin, DecisionOutcome.Block, figures, "Blocked: " + text)
            : new DecisionReason(DecisionReasonCode.OverGroupLimit, DecisionOutcome.RequireApproval, figures, "T" + text.Substring(1)));
    }
}
