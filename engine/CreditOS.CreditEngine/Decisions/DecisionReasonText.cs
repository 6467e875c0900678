using System.Globalization;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>Words for each reason code, with the figures a sales rep needs to act.</summary>
internal static class DecisionReasonText
{
    public static string Describe(DecisionReasonCode code, DecisionFigures f, string? detail) => code switch
    {
        DecisionReasonCode.WithinLimit =>
            "Within the credit limit: exposure with this order " + f.Money(f.ExposureWithOrder) + " of " + f.Money(f.Limit) + ", " + f.Money(f.AvailableAfterOrder) + " still available.",
        DecisionReasonCode.ReleasedByExclusionRule =>
            "Released without credit checks by the exclusion rule '" + detail + "'.",
        DecisionReasonCode.OverdueWithinGrace =>
            f.Money(f.Overdue) + " is overdue but within the " + Days(f.GraceDays) + " grace period.",
        DecisionReasonCode.OverLimitWithinChannelTolerance =>
            "Exposure with this order " + f.Money(f.ExposureWithOrder) + " is " + f.Money(-f.AvailableAfterOrder) + " over the limit of " + f.Money(f.Limit)
            + ", within the tolerance for small orders from the " + detail + " channel.",
        DecisionReasonCode.OverdueWithinChannelTolerance =>
            f.Money(f.OverdueBeyondGrace) + " is overdue beyond the " + Days(f.GraceDays) + " grace period (oldest item " + f.OldestOverdueDays.ToString(CultureInfo.InvariantCulture) + " days past due), within the tolerance of the " + detail + " channel.",
        DecisionReasonCode.OverCreditLimit =>
            "This order of " + f.Money(f.OrderAmount) + " takes exposure to " + f.Money(f.ExposureWithOrder) + ", above the credit limit of " + f.Money(f.Limit)
            + " (available before the order " + f.Money(f.AvailableBeforeOrder) + "); Finance must approve.",
        DecisionReasonCode.OverdueWithinTolerance =>
            f.Money(f.OverdueBeyondGrace) + " is overdue beyond the " + Days(f.GraceDays) + " grace period (oldest item " + f.OldestOverdueDays.ToString(CultureInfo.InvariantCulture)
            + " days past due), within the policy's overdue tolerance of " + detail + ": the order is not held; collect the " + f.Money(f.OverdueBeyondGrace) + " from the customer.",
        DecisionReasonCode.OverdueBeyondGrace =>
            f.Money(f.OverdueBeyondGrace) + " is overdue beyond the " + Days(f.GraceDays) + " grace period (oldest item " + f.OldestOverdueDays.ToString(CultureInfo.InvariantCulture)
            + " days past due, " + f.Money(f.Overdue) + " overdue in total"
            + (detail is null ? string.Empty : "; above the policy's overdue tolerance of " + detail) + "); Finance must approve.",
        DecisionReasonCode.PrepaymentRequired =>
            "The customer is on prepayment terms: the order of " + f.Money(f.OrderAmount) + " is released once paid in advance.",
        DecisionReasonCode.PolicyRequiresApproval =>
            "The customer's credit policy requires Finance approval for every order.",
        DecisionReasonCode.ManualHold =>
            "Credit management has put the account on hold; Finance must approve.",
        DecisionReasonCode.CustomerMessageHold =>
            "Held by the customer message " + detail + "; credit management must end the message or Finance approve.",
        DecisionReasonCode.OverGroupLimit or DecisionReasonCode.OverGroupLimitBeyondApprovalMargin or DecisionReasonCode.GroupCurrenciesMixed => detail ?? code.ToString(),
        DecisionReasonCode.OverLimitBeyondApprovalMargin =>
            "Blocked: this order of " + f.Money(f.OrderAmount) + " takes exposure to " + f.Money(f.ExposureWithOrder) + " against a credit limit of " + f.Money(f.Limit)
            + " (available before the order " + f.Money(f.AvailableBeforeOrder) + "), beyond what Finance may approve; reduce the order or collect payment first.",
        DecisionReasonCode.AccountSuspended =>
            "New orders are suspended: " + detail + ".",
        _ => code.ToString(),
    };

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture) + "-day";
}
