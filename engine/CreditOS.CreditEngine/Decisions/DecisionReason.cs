namespace CreditOS.CreditEngine.Decisions;

/// <summary>One reason behind a decision; its message states the figures behind it and is built only when read.</summary>
public sealed class DecisionReason
{
    private readonly DecisionFigures figures;
    private readonly string? detail;
    private string? message;

    internal DecisionReason(DecisionReasonCode code, DecisionOutcome outcome, DecisionFigures figures, string? detail = null)
    {
        Code = code;
        Outcome = outcome;
        this.figures = figures;
        this.detail = detail;
    }

    public DecisionReasonCode Code { get; }

    public DecisionOutcome Outcome { get; }

    public string Message => message ??= DecisionReasonText.Describe(Code, figures, detail);

    public override string ToString() => Code + ": " + Message;
}
