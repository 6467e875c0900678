namespace CreditOS.CreditEngine.Tiers;

public enum ValueBand
{
    Low,
    Medium,
    High,
}
