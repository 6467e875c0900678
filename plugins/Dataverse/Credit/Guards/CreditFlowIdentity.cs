using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Tells the credit flow apart from people. The credit flow (order check, rescoring, payment posting, hold release,
/// limit and decision application) writes credit columns only through <c>CreateOrganizationService(null)</c>, so the
/// operation it causes runs as the SYSTEM user; nobody can call Dataverse as SYSTEM from outside. A person's call runs
/// as that person (or as the user they impersonate), whatever roles they hold, so it is never the credit flow.
/// Never decided by <c>Depth</c>: a plug-in a person triggers runs at depth 2 too.
/// </summary>
public static class CreditFlowIdentity
{
    /// <summary>One call: who SYSTEM is in this organization (its id differs per environment).</summary>
    public static bool IsCreditFlow(IExecutionContext context, IOrganizationService systemService) =>
        context.UserId == SystemUserId(systemService);

    public static Guid SystemUserId(IOrganizationService systemService) =>
        ((WhoAmIResponse)systemService.Execute(new WhoAmIRequest())).UserId;
}
