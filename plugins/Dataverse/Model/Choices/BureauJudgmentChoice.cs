namespace CreditOS.Dataverse.Model;

/// <summary>
/// Choices of <c>cos_creditapprovalrequest.cos_bureaujudgmentreported</c>: whether the bureau's report names a judgment or
/// legal proceedings. A choice without a default rather than a yes/no, because Dataverse secures a yes/no column for
/// create and update but not for read (controls round 18, session 25).
/// </summary>
[ChoiceColumn("cos_creditapprovalrequest", "cos_bureaujudgmentreported")]
public enum BureauJudgmentChoice
{
    NoneReported = 412500000,
    Reported = 412500001,
}
