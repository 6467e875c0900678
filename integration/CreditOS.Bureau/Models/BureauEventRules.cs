namespace CreditOS.Bureau;

/// <summary>
/// The notification rule codes creditOS interprets. The bureau numbers its event rules per rule set (its
/// <c>GET /monitoring/eventRules</c> lists them); 101 is the international score band change in the bureau's
/// documentation, the others are the codes our portfolio is configured with (see integration/README.md).
/// </summary>
public static class BureauEventRules
{
    public const string InternationalRatingChange = "101";
    public const string CreditLimitChange = "102";
    public const string ProviderScoreChange = "103";
    public const string DaysBeyondTermsChange = "104";
    public const string NewJudgment = "105";
    public const string NewPrivilege = "106";

    public static BureauCriterion CriterionOf(string ruleCode) => ruleCode switch
    {
        InternationalRatingChange => BureauCriterion.InternationalRating,
        CreditLimitChange => BureauCriterion.RecommendedCredit,
        ProviderScoreChange => BureauCriterion.SolvencyScore,
        DaysBeyondTermsChange => BureauCriterion.DaysBeyondTerms,
        NewJudgment => BureauCriterion.Judgment,
        NewPrivilege => BureauCriterion.Privilege,
        _ => BureauCriterion.Other,
    };
}
