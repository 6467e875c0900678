namespace CreditOS.CreditEngine.Policies;

public enum SuspensionCause
{
    BureauJudgment = 1,
    Fraud = 2,
    BureauDeterioration = 3,
    BureauPrivilege = 4,
}

/// <summary>One reason new orders are suspended, with the facts behind it.</summary>
public sealed record SuspensionReason(SuspensionCause Cause, string Message);

/// <summary>Whether new orders are suspended, and every reason why.</summary>
public sealed record SuspensionState(IReadOnlyList<SuspensionReason> Reasons)
{
    public static SuspensionState None { get; } = new([]);

    public bool IsSuspended => Reasons.Count > 0;

    public string Message => string.Join("; ", Reasons.Select(r => r.Message));
}
