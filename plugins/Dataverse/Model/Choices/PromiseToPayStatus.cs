namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_promisetopay.cos_promisestatus</c>.</summary>
[ChoiceColumn("cos_promisetopay", "cos_promisestatus")]
public enum PromiseToPayStatus
{
    Open = 412500000,
    Kept = 412500001,
    Broken = 412500002,
}
