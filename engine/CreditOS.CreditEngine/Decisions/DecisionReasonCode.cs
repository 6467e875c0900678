namespace CreditOS.CreditEngine.Decisions;

/// <summary>Why an order got its outcome; stored on the order (several may apply at once).</summary>
public enum DecisionReasonCode
{
    WithinLimit = 0,
    ReleasedByExclusionRule = 1,
    OverdueWithinGrace = 10,
    OverLimitWithinChannelTolerance = 11,
    OverdueWithinChannelTolerance = 12,
    OverCreditLimit = 20,
    OverdueBeyondGrace = 21,
    PrepaymentRequired = 22,
    PolicyRequiresApproval = 23,
    ManualHold = 24,
    OverLimitBeyondApprovalMargin = 30,
    AccountSuspended = 40,
}
