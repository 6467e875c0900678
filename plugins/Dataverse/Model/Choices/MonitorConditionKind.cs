namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_monitorcondition.cos_kind</c>.</summary>
[ChoiceColumn("cos_monitorcondition", "cos_kind")]
public enum MonitorConditionKind
{
    RiskScoreAbove = 412500000,
    TierDowngrade = 412500001,
    BrokenPromise = 412500002,
    OverdueDaysAbove = 412500003,
    OverdueAmountAbove = 412500004,
    UtilizationAbove = 412500005,
    BureauDeterioration = 412500006,
}
