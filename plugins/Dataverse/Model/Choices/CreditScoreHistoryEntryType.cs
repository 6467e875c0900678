namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditscorehistory.cos_entrytype</c>.</summary>
[ChoiceColumn("cos_creditscorehistory", "cos_entrytype")]
public enum CreditScoreHistoryEntryType
{
    Score = 412500000,
    ApprovalDecision = 412500001,
    LimitChange = 412500002,
    Suspension = 412500003,
}
