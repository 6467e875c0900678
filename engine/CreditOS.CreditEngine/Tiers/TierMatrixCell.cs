namespace CreditOS.CreditEngine.Tiers;

/// <summary>One cell of the tier matrix: a value band and a risk level lead to a tier.</summary>
public sealed record TierMatrixCell(ValueBand ValueBand, RiskLevel RiskLevel, string TierCode);
