namespace CreditOS.CreditEngine.History;

/// <summary>Internal flags set by credit management.</summary>
public sealed record CustomerFlags(bool Fraud = false, bool ManualHold = false)
{
    public static CustomerFlags None { get; } = new();
}
