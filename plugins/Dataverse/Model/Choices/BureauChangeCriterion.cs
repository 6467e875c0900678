namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_bureauchange.cos_criterion</c>.</summary>
[ChoiceColumn("cos_bureauchange", "cos_criterion")]
public enum BureauChangeCriterion
{
    InternationalRating = 412500000,
    SolvencyScore = 412500001,
    RecommendedCredit = 412500002,
    DaysBeyondTerms = 412500003,
    Judgment = 412500004,
    Privilege = 412500005,
    Other = 412500006,
}
