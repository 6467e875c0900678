using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Who may call the workflow steps' Custom APIs directly, so that calling one gains nobody more than the form gives.
/// Routing an order, evaluating an account's thresholds and escalating a request only do what the credit flow does on
/// every save (or when the due time passes) from figures the caller cannot choose; they need only that the caller can
/// read the row (<see cref="RequireRead"/>, one call, refused with Dataverse's own access fault). A typed limit
/// request can apply an increase at once, so it needs the creditOS Credit Administrator role, held directly or through
/// a team, recognised by its id (as role id or parent root role id), never by name (<see cref="IsCreditAdministrator"/>).
/// </summary>
public static class WorkflowStepCallers
{
    /// <summary>The solution's creditOS Credit Administrator role (src/Roles).</summary>
    public static readonly Guid CreditAdministratorRoleId = new("adbbbffc-cca5-525a-a0b5-03b3e851214e");

    /// <summary>Reads the row's key as the caller: throws the platform's access fault when the caller cannot read it.</summary>
    public static void RequireRead(IOrganizationService caller, EntityReference row, string primaryIdAttribute)
    {
        if (caller is null || row is null)
        {
            throw new InvalidPluginExecutionException("The workflow step needs its row.");
        }

        _ = caller.Retrieve(row.LogicalName, row.Id, new ColumnSet(primaryIdAttribute));
    }

    /// <summary>At most <see cref="RoleHolders.Calls"/> calls: the role held directly, then through any team.</summary>
    public static bool IsCreditAdministrator(IOrganizationService service, Guid userId) =>
        RoleHolders.Holds(service, userId, CreditAdministratorRoleId);
}
