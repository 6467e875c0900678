using CreditOS.Solution.Security;
using CreditOS.Solution.Validation;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes.Support;

/// <summary>
/// A local Dataverse with the solution's roles and profiles plus roles of a probe's own (the solution's roles hold none of the gaps the
/// security probes ask about), its users, and the owner moves those probes make.
/// </summary>
internal static class ProbeRoles
{
    /// <summary>A role granting each privilege at one depth (Basic, Local, Deep or Global).</summary>
    public static SecurityRoleDefinition Role(Guid id, string name, string depth, params string[] privileges) =>
        new(id, name, [.. privileges.Select(p => RolePrivilege.Parse(p, depth)!)]);

    public static LocalDataverse WithRoles(params SecurityRoleDefinition[] roles)
    {
        var solution = SecurityDefinitionLoader.LoadEmbedded();
        return new LocalDataverse(new LocalDataverseOptions { Security = new SecurityDefinitions([.. solution.Roles, .. roles], solution.Profiles) });
    }

    public static Guid User(LocalDataverse dataverse, string name, Guid role, Guid? businessUnit = null)
    {
        var user = dataverse.CreateUser(name, businessUnitId: businessUnit);
        dataverse.AssignRole(user, role);
        return user;
    }

    /// <summary>Gives the account to <paramref name="newOwner"/> by the Assign message or by an Update of ownerid.</summary>
    public static void GiveAccount(IOrganizationService service, string how, Guid account, EntityReference newOwner)
    {
        if (how == "Assign")
        {
            service.Execute(new AssignRequest { Target = new EntityReference("account", account), Assignee = newOwner });
        }
        else
        {
            service.Update(new Entity("account", account) { ["ownerid"] = newOwner });
        }
    }

    public static Guid OwnerOf(LocalDataverse dataverse, Guid account) =>
        dataverse.GetOrganizationService().Retrieve("account", account, new("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id;
}
