namespace CreditOS.CreditEngine.Decisions;

/// <summary>A customer message with a hold code, active on the day of the check: its code and the text the order carries as its reason.</summary>
public sealed record HoldMessage(string Code, string Text)
{
    /// <summary>"'LEGAL' (Account in legal review: no new orders)".</summary>
    public string Describe() => "'" + Code + "' (" + Text + ")";
}
