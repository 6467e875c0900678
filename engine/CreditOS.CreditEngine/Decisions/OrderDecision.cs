namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// The decision on an order: the most severe outcome among its reasons, every reason with its figures, and a message
/// for the sales rep (built when read).
/// </summary>
public sealed class OrderDecision
{
    private string? message;

    internal OrderDecision(DecisionOutcome outcome, IReadOnlyList<DecisionReason> reasons, DecisionFigures figures)
    {
        Outcome = outcome;
        Reasons = reasons;
        Figures = figures;
    }

    public DecisionOutcome Outcome { get; }

    public IReadOnlyList<DecisionReason> Reasons { get; }

    public DecisionFigures Figures { get; }

    /// <summary>The reason that set the outcome (the first of the most severe).</summary>
    public DecisionReasonCode PrimaryReason => Reasons.First(r => r.Outcome == Outcome).Code;

    public bool AllowsOrder => Outcome <= DecisionOutcome.ApproveWithinGrace;

    /// <summary>Waiting for the customer's prepayment only: no Finance decision is needed (prepayment terms are the sole hold reason).</summary>
    public bool AwaitsPrepayment => Outcome == DecisionOutcome.AwaitPrepayment;

    /// <summary>Refused by the check (blocked or suspended): kept as a trace, draws on no credit.</summary>
    public bool Refuses => Outcome >= DecisionOutcome.Block;

    /// <summary>The reasons that stop the order (every reason above "approve within grace").</summary>
    public IEnumerable<DecisionReason> HoldReasons => Reasons.Where(r => r.Outcome > DecisionOutcome.ApproveWithinGrace);

    public string Message => message ??= OutcomeText() + " " + string.Join(" ", Reasons.Select(r => r.Message)) + " " + Figures.Summary;

    public bool HasReason(DecisionReasonCode code) => Reasons.Any(r => r.Code == code);

    private string OutcomeText() => Outcome switch
    {
        DecisionOutcome.Approve => "Approved.",
        DecisionOutcome.ApproveWithinGrace => "Approved within tolerance.",
        DecisionOutcome.AwaitPrepayment => "Awaiting prepayment.",
        DecisionOutcome.RequireApproval => "Held for Finance approval.",
        DecisionOutcome.Block => "Blocked.",
        _ => "Suspended.",
    };
}
