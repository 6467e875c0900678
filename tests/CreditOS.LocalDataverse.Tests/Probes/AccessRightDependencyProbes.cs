using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Security;
using CreditOS.Solution.Validation;
using Microsoft.Xrm.Sdk;
using static CreditOS.LocalDataverse.Tests.Probes.Support.ProbeRoles;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Dependencies between access rights" (Data operations and access rights,
/// learn.microsoft.com/power-apps/developer/data-platform/security-access-rights): "Create a record and be the record owner:
/// CREATE, READ" ("unless you also have read access for accounts, you cannot create an account record and be the owner of that
/// new record"); "Assign a record: ASSIGN, WRITE, READ" (the message table: "Update of the ownerid column, or the legacy Assign
/// message: ASSIGN"). The local Dataverse asked Create alone for the first and Assign alone for the second (an Update of ownerid
/// alone skipped Write), so a role Dataverse refuses passed. The solution's roles hold none of these gaps (every role with
/// Create or Assign on a table reads it, and writes it where it assigns), so the probes use roles of their own.
/// Round 27: the new owner must read the table too. Live environments refuse giving a row to a user whose roles do not read its
/// table, whoever the caller (a data migration as an administrator included), with "Principal user (Id=&lt;the owner&gt;…) is missing
/// prvReadAccount privilege" (0x80040220; inogic.com/blog/2016/02/error-principal-user-is-missing-prvreadaccount-privilege-resolved);
/// the local Dataverse checked only the caller (round 26 left it).
/// </summary>
public sealed class AccessRightDependencyProbes
{
    private static readonly Guid CreatorRole = new("a7000000-0000-4000-8000-000000000001");
    private static readonly Guid ReadingCreatorRole = new("a7000000-0000-4000-8000-000000000002");
    private static readonly Guid AssignerWithoutWriteRole = new("a7000000-0000-4000-8000-000000000003");
    private static readonly Guid AssignerWithoutReadRole = new("a7000000-0000-4000-8000-000000000004");
    private static readonly Guid AssignerRole = new("a7000000-0000-4000-8000-000000000005");

    [Fact]
    public void CreatingARowOneWillOwn_WithoutRead_IsRefused_AndNothingIsCreated()
    {
        using var dataverse = WithProbeRoles();
        var creator = User(dataverse, "Cleo Creator", CreatorRole);

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => dataverse.GetOrganizationService(creator).Create(Account("Contoso")));

        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Empty(dataverse.GetOrganizationService().RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account")).Entities);
    }

    [Fact]
    public void CreatingARowOneWillOwn_WithBasicRead_Succeeds()
    {
        using var dataverse = WithProbeRoles();
        var creator = User(dataverse, "Rita Reader", ReadingCreatorRole);

        var id = dataverse.GetOrganizationService(creator).Create(Account("Contoso"));

        Assert.Equal(creator, dataverse.GetOrganizationService().Retrieve("account", id, new("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void AssigningWithoutWrite_IsRefused_AndTheOwnerStays(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Axel Assigner", AssignerWithoutWriteRole);
        var account = dataverse.GetOrganizationService().Create(Account("Contoso"));

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => Assign(dataverse.GetOrganizationService(assigner), how, account, assigner));

        Assert.Contains("is missing prvWriteAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Equal(dataverse.SystemUserId, OwnerOf(dataverse, account));
    }

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void AssigningWithoutRead_IsRefused_AndTheOwnerStays(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Wanda Writer", AssignerWithoutReadRole);
        var account = dataverse.GetOrganizationService().Create(Account("Contoso"));

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => Assign(dataverse.GetOrganizationService(assigner), how, account, assigner));

        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Equal(dataverse.SystemUserId, OwnerOf(dataverse, account));
    }

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void AssigningWithAssignWriteAndRead_Succeeds(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var account = dataverse.GetOrganizationService().Create(Account("Contoso"));

        Assign(dataverse.GetOrganizationService(assigner), how, account, assigner);

        Assert.Equal(assigner, OwnerOf(dataverse, account));
    }

    [Theory]
    [InlineData("Assign", false)]
    [InlineData("Update", false)]
    [InlineData("Assign", true)]
    [InlineData("Update", true)]
    public void AssigningToAUserWhoseRolesDoNotReadTheTable_IsRefused_AndTheOwnerStays(string how, bool asAdministrator)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var nonReader = User(dataverse, "Cleo Creator", CreatorRole);
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
        var nonReader = User(dataverse, "Cleo Creator", CreatorRole);
        var row = Account("Contoso");
        row["ownerid"] = new EntityReference("systemuser", nonReader);

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => dataverse.GetOrganizationService(Administrator(dataverse)).Create(row));

        Assert.Contains($"Id={nonReader:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Empty(dataverse.GetOrganizationService().RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account")).Entities);
    }

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void AssigningToAUserWithBasicRead_Succeeds(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var reader = User(dataverse, "Rita Reader", ReadingCreatorRole);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", assigner) });

        Assign(dataverse.GetOrganizationService(assigner), how, account, reader);

        Assert.Equal(reader, OwnerOf(dataverse, account));
    }

    /// <summary>A System Administrator, as in a data migration (the local SYSTEM user, which seeds test rows, is not checked).</summary>
    private static Guid Administrator(LocalDataverse dataverse) => User(dataverse, "Ann Admin", dataverse.SystemAdministratorRoleId);

    private static LocalDataverse WithProbeRoles() => WithRoles(
        Role(CreatorRole, "Probe Creator", "Global", "prvCreateAccount"),
        new SecurityRoleDefinition(ReadingCreatorRole, "Probe Reading Creator", [RolePrivilege.Parse("prvCreateAccount", "Global")!, RolePrivilege.Parse("prvReadAccount", "Basic")!]),
        Role(AssignerWithoutWriteRole, "Probe Assigner Without Write", "Global", "prvReadAccount", "prvAssignAccount"),
        Role(AssignerWithoutReadRole, "Probe Assigner Without Read", "Global", "prvWriteAccount", "prvAssignAccount"),
        Role(AssignerRole, "Probe Assigner", "Global", "prvReadAccount", "prvWriteAccount", "prvAssignAccount"));

    private static Entity Account(string name) => new("account") { ["name"] = name };

    private static void Assign(IOrganizationService service, string how, Guid account, Guid newOwner) =>
        GiveAccount(service, how, account, new EntityReference("systemuser", newOwner));
}
