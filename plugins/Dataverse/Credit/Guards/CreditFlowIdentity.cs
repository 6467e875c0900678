using System.Collections.Concurrent;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Tells the credit flow apart from people. The credit flow (order check, rescoring, payment posting, hold release,
/// limit and decision application) writes credit columns only through <c>CreateOrganizationService(null)</c>, so the
/// operation it causes runs as the SYSTEM user; nobody can call Dataverse as SYSTEM from outside. A person's call runs
/// as that person (or as the user they impersonate), whatever roles they hold, so it is never the credit flow.
/// Never decided by <c>Depth</c>: a plug-in a person triggers runs at depth 2 too.
/// <para>
/// Decided from the execution context: <c>UserId</c> against SYSTEM's id in the context's organization. SYSTEM's id
/// differs per environment but never changes within one, so it is asked once per organization and process
/// (<see cref="SystemUserId"/>, one call) and remembered by <c>OrganizationId</c>; afterwards a guard that fires for
/// every row of a SYSTEM write (the nightly page's accounts and history rows) costs no call. Nothing else is kept:
/// no time to live, nothing that another organization could see.
/// </para>
/// </summary>
public static class CreditFlowIdentity
{
    private static readonly ConcurrentDictionary<Guid, Guid> SystemUsers = new();

    /// <summary>At most one call per organization and process (who SYSTEM is); none once it is known.</summary>
    public static bool IsCreditFlow(IExecutionContext context, IOrganizationService systemService) =>
        context.UserId == SystemUserOf(context.OrganizationId, systemService);

    /// <summary>
    /// Which of <paramref name="columns"/> the target writes when its writer is not the credit flow (empty when none is
    /// written or the credit flow writes them): what a guard of columns only the credit flow records refuses. One call at
    /// most (<see cref="IsCreditFlow"/>), and only when one of the columns is written.
    /// </summary>
    public static IReadOnlyList<string> WrittenByOthers(IExecutionContext context, IOrganizationService systemService, Entity target, IReadOnlyList<string> columns)
    {
        var written = columns.Where(target.Contains).ToList();
        return written.Count == 0 || IsCreditFlow(context, systemService) ? [] : written;
    }

    /// <summary>Whether SYSTEM's id is already known for the organization (so <see cref="IsCreditFlow"/> costs no call).</summary>
    public static bool Knows(Guid organizationId) => organizationId != Guid.Empty && SystemUsers.ContainsKey(organizationId);

    /// <summary>SYSTEM's id in the organization, asked once (an empty organization id, which no real context has, is never remembered).</summary>
    public static Guid SystemUserOf(Guid organizationId, IOrganizationService systemService)
    {
        if (organizationId != Guid.Empty && SystemUsers.TryGetValue(organizationId, out var known))
        {
            return known;
        }

        var id = SystemUserId(systemService);
        if (organizationId != Guid.Empty)
        {
            SystemUsers[organizationId] = id;
        }

        return id;
    }

    /// <summary>One call: who SYSTEM is (WhoAmI through the SYSTEM service).</summary>
    public static Guid SystemUserId(IOrganizationService systemService) =>
        ((WhoAmIResponse)systemService.Execute(new WhoAmIRequest())).UserId;
}
