namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// An assignment rule an admin edits: an account matching every criterion given (an empty one matches anything) goes
/// to <paramref name="CollectorId"/>. Lower <paramref name="Priority"/> wins; balance band is from (inclusive) to
/// (exclusive) on the account's open receivables.
/// </summary>
public sealed record CollectorAssignmentRule(
    string Name,
    int Priority,
    Guid CollectorId,
    int? Segment = null,
    string? Region = null,
    Tiers.RiskLevel? RiskLevel = null,
    decimal? BalanceFrom = null,
    decimal? BalanceTo = null);

/// <summary>What the rules know of an account; a rule's region matches its <paramref name="Region"/> (country) or <paramref name="SubRegion"/> (state or province).</summary>
public sealed record AccountToAssign(int? Segment, string? Region, Tiers.RiskLevel? RiskLevel, decimal OpenReceivables, string? SubRegion = null);

/// <summary>The rule that chose the collector, or none.</summary>
public sealed record CollectorChoice(Guid CollectorId, CollectorAssignmentRule Rule);

/// <summary>
/// Picks an account's collector from the assignment rules: the matching rule of lowest priority (then by name, so a tie
/// is decided the same way everywhere). Accounts without receivables need no collector.
/// </summary>
public static class CollectorAssignment
{
    public static CollectorChoice? Choose(AccountToAssign account, IEnumerable<CollectorAssignmentRule> rules)
    {
        Require.NotNull(account, "The account");
        Require.NotNull(rules, "The rules");
        if (account.OpenReceivables <= 0)
        {
            return null;
        }

        var rule = rules
            .Where(r => Matches(r, account))
            .OrderBy(r => r.Priority)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return rule is null ? null : new CollectorChoice(rule.CollectorId, rule);
    }

    public static bool Matches(CollectorAssignmentRule rule, AccountToAssign account)
    {
        Require.NotNull(rule, "The rule");
        Require.NotNull(account, "The account");
        return (rule.Segment is null || rule.Segment == account.Segment)
            && (string.IsNullOrWhiteSpace(rule.Region) || SameRegion(rule.Region!, account.Region) || SameRegion(rule.Region!, account.SubRegion))
            && (rule.RiskLevel is null || rule.RiskLevel == account.RiskLevel)
            && (rule.BalanceFrom is null || account.OpenReceivables >= rule.BalanceFrom)
            && (rule.BalanceTo is null || account.OpenReceivables < rule.BalanceTo);
    }

    private static bool SameRegion(string rule, string? account) => string.Equals(rule.Trim(), account?.Trim(), StringComparison.OrdinalIgnoreCase);
}
