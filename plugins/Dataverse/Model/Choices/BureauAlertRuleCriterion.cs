namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_bureaualertrule.cos_criterion</c> (the engine's <c>BureauAlertCriterion</c>, in the same order).</summary>
[ChoiceColumn("cos_bureaualertrule", "cos_criterion")]
public enum BureauAlertRuleCriterion
{
    RatingAtOrWorse = 412500000,
    RatingDowngrade = 412500001,
    SolvencyBelow = 412500002,
    SolvencyDrop = 412500003,
    RecommendedCreditBelowLimit = 412500004,
    DaysBeyondTermsAbove = 412500005,
    NewJudgment = 412500006,
    NewPrivilege = 412500007,
}
