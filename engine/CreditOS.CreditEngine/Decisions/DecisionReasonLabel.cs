namespace CreditOS.CreditEngine.Decisions;

/// <summary>A reason code in a few words, for tables that count reasons (the sentences with figures are <see cref="DecisionReason.Message"/>).</summary>
public static class DecisionReasonLabel
{
    public static string Of(DecisionReasonCode code) => code switch
    {
        DecisionReasonCode.WithinLimit => "within the limit",
        DecisionReasonCode.ReleasedByExclusionRule => "released by an exclusion rule",
        DecisionReasonCode.OverdueWithinGrace => "overdue within grace",
        DecisionReasonCode.OverLimitWithinChannelTolerance => "over the limit within the channel's tolerance",
        DecisionReasonCode.OverdueWithinChannelTolerance => "overdue within the channel's tolerance",
        DecisionReasonCode.OverdueWithinTolerance => "overdue within the policy's tolerance",
        DecisionReasonCode.OverCreditLimit => "over the credit limit",
        DecisionReasonCode.OverdueBeyondGrace => "overdue beyond grace",
        DecisionReasonCode.PrepaymentRequired => "prepayment terms (starter or Prepay)",
        DecisionReasonCode.PolicyRequiresApproval => "policy: Finance approves every order",
        DecisionReasonCode.ManualHold => "manual hold",
        DecisionReasonCode.CustomerMessageHold => "customer message with a hold code",
        DecisionReasonCode.OverGroupLimit => "over the credit group's limit",
        DecisionReasonCode.GroupCurrenciesMixed => "credit group in mixed currencies",
        DecisionReasonCode.OverLimitBeyondApprovalMargin => "over the limit beyond what Finance may approve",
        DecisionReasonCode.OverGroupLimitBeyondApprovalMargin => "over the group's limit beyond what Finance may approve",
        DecisionReasonCode.AccountSuspended => "account suspended",
        _ => code.ToString(),
    };
}
