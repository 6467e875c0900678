namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_tiermatrixcell.statuscode</c>.</summary>
[ChoiceColumn("cos_tiermatrixcell", "statuscode")]
public enum TierMatrixCellStatus
{
    Active = 1,
    Inactive = 2,
}
