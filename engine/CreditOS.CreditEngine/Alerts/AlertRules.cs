namespace CreditOS.CreditEngine.Alerts;

/// <summary>Alert settings not held on the policy: the bureau solvency drop (points) that raises a deterioration alert.</summary>
public sealed record AlertRules(int BureauSolvencyDropPoints)
{
    public static AlertRules Default { get; } = new(10);
}
