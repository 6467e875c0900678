namespace CreditOS.Solution.Metadata;

/// <summary>Requirement level as Dataverse enforces it: only SystemRequired and ApplicationRequired are enforced on create.</summary>
public enum RequiredLevel
{
    None,
    Recommended,
    ApplicationRequired,
    SystemRequired,
}
