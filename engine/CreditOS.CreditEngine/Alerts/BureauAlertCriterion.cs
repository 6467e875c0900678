namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// What a bureau alert rule watches, and what its threshold means. Each fires once per occurrence: when the new report
/// crosses the threshold that the previous report had not crossed (or, for the change criteria, when the change
/// between the two reports reaches it).
/// </summary>
public enum BureauAlertCriterion
{
    /// <summary>International rating at or worse than the threshold band (1 = A … 5 = E; 4 = "D or E").</summary>
    RatingAtOrWorse = 1,

    /// <summary>Rating worse than the previous report's by at least the threshold (bands, 1-4).</summary>
    RatingDowngrade = 2,

    /// <summary>Solvency score (0-100) below the threshold.</summary>
    SolvencyBelow = 3,

    /// <summary>Solvency score fallen since the previous report by at least the threshold (points).</summary>
    SolvencyDrop = 4,

    /// <summary>Recommended credit below the threshold percentage of our credit limit (100 = below our limit).</summary>
    RecommendedCreditBelowLimit = 5,

    /// <summary>Days-beyond-terms score (0-120) above the threshold.</summary>
    DaysBeyondTermsAbove = 6,

    /// <summary>Judgments increased since the previous report by at least the threshold (1 = any new judgment).</summary>
    NewJudgment = 7,

    /// <summary>Privileges (liens) increased since the previous report by at least the threshold (1 = any new privilege).</summary>
    NewPrivilege = 8,
}

/// <summary>How urgent an alert is for credit management.</summary>
public enum AlertSeverity
{
    Information = 1,
    Warning = 2,
    Critical = 3,
}
