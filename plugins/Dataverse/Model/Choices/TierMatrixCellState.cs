namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_tiermatrixcell.statecode</c>.</summary>
[ChoiceColumn("cos_tiermatrixcell", "statecode")]
public enum TierMatrixCellState
{
    Active = 0,
    Inactive = 1,
}
