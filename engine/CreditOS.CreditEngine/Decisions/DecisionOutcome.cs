namespace CreditOS.CreditEngine.Decisions;

/// <summary>Outcomes of the order check, from least to most severe; the decision takes the most severe reason's outcome.</summary>
public enum DecisionOutcome
{
    Approve = 0,
    ApproveWithinGrace = 1,
    RequireApproval = 2,
    Block = 3,
    Suspended = 4,
}
