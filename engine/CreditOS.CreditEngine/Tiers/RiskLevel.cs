namespace CreditOS.CreditEngine.Tiers;

public enum RiskLevel
{
    Low,
    Medium,
    High,
    Severe,
}
