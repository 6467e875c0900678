namespace CreditOS.CreditEngine.Decisions;

/// <summary>Outcomes of the order check, from least to most severe; the decision takes the most severe reason's outcome.</summary>
public enum DecisionOutcome
{
    Approve = 0,
    ApproveWithinGrace = 1,

    /// <summary>
    /// The customer is on prepayment (starter or Prepay) terms and nothing else stops the order: it waits for the
    /// payment that covers it, not for Finance. Any other hold reason on the same order outranks it.
    /// </summary>
    AwaitPrepayment = 2,
    RequireApproval = 3,
    Block = 4,
    Suspended = 5,
}
