using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tiers;

/// <summary>Looks up the tier for a score's value band and risk level in the tier matrix.</summary>
public static class TierAssigner
{
    public static CreditTier Assign(CreditScore score, CreditConfiguration configuration)
    {
        Require.NotNull(score, "The credit score");
        Require.NotNull(configuration, "The credit configuration");
        var cell = configuration.TierMatrix.FirstOrDefault(c => c.ValueBand == score.ValueBand && c.RiskLevel == score.RiskLevel)
            ?? throw new CreditInputException("The tier matrix has no cell for " + score.ValueBand + " value and " + score.RiskLevel + " risk.");
        return configuration.Tier(cell.TierCode);
    }
}
