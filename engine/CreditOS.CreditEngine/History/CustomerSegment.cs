namespace CreditOS.CreditEngine.History;

/// <summary>Where a customer sits: industry vertical and customer group select the scoring rule set and revenue reference.</summary>
public sealed record CustomerSegment(string IndustryVertical, string CustomerGroup)
{
    public static CustomerSegment Unassigned { get; } = new(string.Empty, string.Empty);
}
