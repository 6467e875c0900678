namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// Alert settings not held on the policy: the bureau alert rules (cos_bureaualertrule rows; see
/// <see cref="BureauAlertEvaluator"/>). <see cref="Default"/> is what creditOS ships and seeds.
/// </summary>
public sealed record AlertRules(IReadOnlyList<BureauAlertRule> Bureau)
{
    public static AlertRules Default { get; } = new(DefaultBureauAlertRules.Create());
}
