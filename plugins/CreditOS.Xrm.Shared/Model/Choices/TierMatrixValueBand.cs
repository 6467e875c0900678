namespace CreditOS.Xrm.Model;

/// <summary>Choices of <c>cos_tiermatrixcell.cos_valueband</c>.</summary>
[ChoiceColumn("cos_tiermatrixcell", "cos_valueband")]
public enum TierMatrixValueBand
{
    Low = 412500000,
    Medium = 412500001,
    High = 412500002,
}
