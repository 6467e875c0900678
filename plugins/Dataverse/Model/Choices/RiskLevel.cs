namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.cos_risklevel</c>.</summary>
[ChoiceColumn("account", "cos_risklevel")]
public enum RiskLevel
{
    Low = 412500000,
    Medium = 412500001,
    High = 412500002,
    Severe = 412500003,
}
