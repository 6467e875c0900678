namespace CreditOS.Solution.Metadata;

/// <summary>
/// Dataverse names the privileges of every activity table (task, email, …) after the activity pointer: a role grants
/// prvReadActivity, prvWriteActivity… once and they apply to all activity tables; there is no prvReadTask.
/// </summary>
public static class ActivityPrivilege
{
    public const string SchemaName = "Activity";
}
