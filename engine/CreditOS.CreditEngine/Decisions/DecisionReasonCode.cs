namespace CreditOS.CreditEngine.Decisions;

/// <summary>Why an order got its outcome; stored on the order (several may apply at once).</summary>
public enum DecisionReasonCode
{
    WithinLimit = 0,
    ReleasedByExclusionRule = 1,
    OverdueWithinGrace = 10,
    OverLimitWithinChannelTolerance = 11,
    OverdueWithinChannelTolerance = 12,

    /// <summary>Overdue beyond grace, small and recent enough for the policy's overdue tolerance: approved within tolerance, the amount named to chase.</summary>
    OverdueWithinTolerance = 13,
    OverCreditLimit = 20,
    OverdueBeyondGrace = 21,
    PrepaymentRequired = 22,
    PolicyRequiresApproval = 23,
    ManualHold = 24,
    CustomerMessageHold = 25,
    OverGroupLimit = 26,
    GroupCurrenciesMixed = 27,
    OverLimitBeyondApprovalMargin = 30,
    OverGroupLimitBeyondApprovalMargin = 31,
    AccountSuspended = 40,
}
