namespace CreditOS.CreditEngine.Tiers;

/// <summary>Risk score from which each level starts (risk below <see cref="MediumFrom"/> is Low).</summary>
public sealed record RiskLevelThresholds(double MediumFrom, double HighFrom, double SevereFrom)
{
    public RiskLevel LevelOf(double risk) =>
        risk >= SevereFrom ? RiskLevel.Severe : risk >= HighFrom ? RiskLevel.High : risk >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;
}

/// <summary>Value score from which each band starts (value below <see cref="MediumFrom"/> is Low).</summary>
public sealed record ValueBandThresholds(double MediumFrom, double HighFrom)
{
    public ValueBand BandOf(double value) =>
        value >= HighFrom ? ValueBand.High : value >= MediumFrom ? ValueBand.Medium : ValueBand.Low;
}
