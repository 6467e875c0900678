using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Security;
using CreditOS.Solution.Validation;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The new owner of a row must be able to read its table: live environments refuse making a user the owner of a row of a table their
/// roles do not read, whoever the caller (a data migration as an administrator included), with "Principal user (Id=&lt;the owner&gt;…) is
/// missing prvReadAccount privilege" (0x80040220; inogic.com/blog/2016/02/error-principal-user-is-missing-prvreadaccount-privilege-resolved:
/// "the owner is assigned with a security role other than System Administrator and has not been given the … privileges for the particular
/// entity"); "Data operations and access rights" asks READ of the one a record is shared with as well. The local Dataverse checked only
/// the caller, so a row could be assigned to (or created for) a user who could never read it (round 26 left it; round 27).
/// </summary>
public sealed class NewOwnerReadProbes
{
    private static readonly Guid ContactReaderRole = new("a7270000-0000-4000-8000-000000000001");
    private static readonly Guid AccountReaderRole = new("a7270000-0000-4000-8000-000000000002");
    private static readonly Guid AssignerRole = new("a7270000-0000-4000-8000-000000000003");

    [Theory]
    [InlineData("Assign", false)]
    [InlineData("Update", false)]
    [InlineData("Assign", true)]
    [InlineData("Update", true)]
    public void AssigningToAUserWhoseRolesDoNotReadTheTable_IsRefused_AndTheOwnerStays(string how, bool asAdministrator)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var nonReader = User(dataverse, "Nils NoAccounts", ContactReaderRole);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", assigner) });
        var service = dataverse.GetOrganizationService(asAdministrator ? Administrator(dataverse) : assigner);

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => Assign(service, how, account, nonReader));

        Assert.StartsWith($"Principal user (Id={nonReader:D}, type=8, roleCount=1,", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Equal(assigner, OwnerOf(dataverse, account));
    }

    [Fact]
    public void CreatingARowForAUserWhoCannotReadTheTable_IsRefused_AndNothingIsCreated()
    {
        using var dataverse = WithProbeRoles();
        var nonReader = User(dataverse, "Nils NoAccounts", ContactReaderRole);

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => dataverse.GetOrganizationService(Administrator(dataverse)).Create(
            new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", nonReader) }));

        Assert.Contains($"Id={nonReader:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Empty(dataverse.GetOrganizationService().RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account")).Entities);
    }

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void Control_AssigningToAUserWithBasicRead_Succeeds(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var reader = User(dataverse, "Rita Reader", AccountReaderRole);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", assigner) });

        Assign(dataverse.GetOrganizationService(assigner), how, account, reader);

        Assert.Equal(reader, OwnerOf(dataverse, account));
    }

    private static LocalDataverse WithProbeRoles()
    {
        var solution = SecurityDefinitionLoader.LoadEmbedded();
        SecurityRoleDefinition Role(Guid id, string name, string depth, params string[] privileges) =>
            new(id, name, [.. privileges.Select(p => RolePrivilege.Parse(p, depth)!)]);
        return new LocalDataverse(new LocalDataverseOptions
        {
            Security = new SecurityDefinitions(
                [
                    .. solution.Roles,
                    Role(ContactReaderRole, "Probe Contact Reader", "Global", "prvReadContact"),
                    Role(AccountReaderRole, "Probe Account Reader", "Basic", "prvReadAccount"),
                    Role(AssignerRole, "Probe Assigner", "Global", "prvReadAccount", "prvWriteAccount", "prvAssignAccount"),
                ],
                solution.Profiles),
        });
    }

    private static Guid User(LocalDataverse dataverse, string name, Guid role)
    {
        var user = dataverse.CreateUser(name);
        dataverse.AssignRole(user, role);
        return user;
    }

    /// <summary>A System Administrator, as in a data migration (the local SYSTEM user, which seeds test rows, is not checked).</summary>
    private static Guid Administrator(LocalDataverse dataverse) => User(dataverse, "Ann Admin", dataverse.SystemAdministratorRoleId);

    private static void Assign(IOrganizationService service, string how, Guid account, Guid newOwner)
    {
        if (how == "Assign")
        {
            service.Execute(new AssignRequest { Target = new EntityReference("account", account), Assignee = new EntityReference("systemuser", newOwner) });
        }
        else
        {
            service.Update(new Entity("account", account) { ["ownerid"] = new EntityReference("systemuser", newOwner) });
        }
    }

    private static Guid OwnerOf(LocalDataverse dataverse, Guid account) =>
        dataverse.GetOrganizationService().Retrieve("account", account, new("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id;
}
