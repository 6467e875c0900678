namespace CreditOS.CreditEngine.Tiers;

/// <summary>
/// A credit tier (cos_credittier). <paramref name="Rank"/> orders tiers from best (1) to worst, so a higher rank
/// after rescoring is a downgrade. Every tier points to a policy.
/// </summary>
public sealed record CreditTier(string Code, string Name, int Rank, string PolicyCode);
