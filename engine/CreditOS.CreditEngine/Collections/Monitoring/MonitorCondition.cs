namespace CreditOS.CreditEngine.Collections.Monitoring;

/// <summary>What a monitor condition watches (the choice cos_monitorconditionkind).</summary>
public enum MonitorConditionKind
{
    /// <summary>The Risk score is above the threshold (points).</summary>
    RiskScoreAbove = 1,

    /// <summary>The latest rescoring moved the account to a worse tier.</summary>
    TierDowngrade = 2,

    /// <summary>A promise to pay was broken.</summary>
    BrokenPromise = 3,

    /// <summary>An open invoice is more than the threshold (days) past its due date.</summary>
    OverdueDaysAbove = 4,

    /// <summary>The overdue balance is above the threshold (amount).</summary>
    OverdueAmountAbove = 5,

    /// <summary>Utilization (exposure ÷ limit in force) is above the threshold (percent).</summary>
    UtilizationAbove = 6,

    /// <summary>The bureau monitoring recorded a deterioration.</summary>
    BureauDeterioration = 7,
}

/// <summary>
/// A condition an admin configures (cos_monitorcondition): when it holds for an account, the collector gets an action
/// item due <paramref name="DueInDays"/> days later. <paramref name="Threshold"/> is in the kind's unit (points, days,
/// amount, percent) and unused by the kinds that are events (tier downgrade, broken promise, bureau deterioration).
/// </summary>
public sealed record MonitorCondition(Guid Id, string Name, MonitorConditionKind Kind, decimal Threshold, int DueInDays)
{
    /// <summary>Whether the condition is a state of the account (one occurrence while it holds) rather than one per event or invoice.</summary>
    public bool IsAccountState => Kind is MonitorConditionKind.RiskScoreAbove or MonitorConditionKind.OverdueAmountAbove or MonitorConditionKind.UtilizationAbove;
}
