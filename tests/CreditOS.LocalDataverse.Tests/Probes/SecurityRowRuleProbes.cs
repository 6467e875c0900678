using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Rules on the rows of the security tables, with the codes and messages of the Web service error codes list
/// (reference/web-service-error-codes): AdminProfileCannotBeEditedOrDeleted 0x8004F50C, BusinessUnitIsNotDisabledAndCannotBeDeleted
/// 0x80041d60, BusinessUnitHasChildAndCannotBeDeleted 0x80041d61, unManagedidsownernotenabled 0x8004022b ("The specified owner
/// has been disabled."); and SetState of a user or a business unit, which enables or disables it ("Sample: Disable or enable a
/// user": <c>SetStateRequest { State = 1, Status = -1 }</c> disables, State 0 enables). All were carried out before session 20,
/// SetState of a user faulted on a statecode the table does not have.
/// </summary>
public sealed class SecurityRowRuleProbes
{
    private static readonly Guid AdminProfile = new("572329c1-a042-4e22-be47-367c6374ea45");

    [Fact]
    public void TheSystemAdministratorProfile_CannotBeModified()
    {
        using var env = SecurityTestSetup.Solution();

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.AdminProfileCannotBeEditedOrDeleted,
            () => env.Service.Update(new Entity("fieldsecurityprofile", AdminProfile) { ["name"] = "Everything" }));

        Assert.Equal("The System Administrator field security profile cannot be modified or deleted.", fault.Message);
    }

    [Fact]
    public void TheSystemAdministratorProfile_CannotBeDeleted()
    {
        using var env = SecurityTestSetup.Solution();

        FaultAssert.Throws(DataverseErrorCodes.AdminProfileCannotBeEditedOrDeleted, () => env.Service.Delete("fieldsecurityprofile", AdminProfile));

        Assert.NotNull(env.Service.Retrieve("fieldsecurityprofile", AdminProfile, new ColumnSet("name")));
    }

    [Fact]
    public void AnEnabledBusinessUnit_CannotBeDeleted()
    {
        using var env = SecurityTestSetup.Solution();
        var unit = env.ABusinessUnit("North");

        var fault = FaultAssert.Throws(DataverseErrorCodes.BusinessUnitIsNotDisabledAndCannotBeDeleted, () => env.Service.Delete("businessunit", unit));

        Assert.StartsWith("Not disabled business unit cannot be deleted.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisabledBusinessUnitWithAChild_CannotBeDeleted()
    {
        using var env = SecurityTestSetup.Solution();
        var north = env.ABusinessUnit("North");
        env.ABusinessUnit("North-East", north);
        Disable(env.Service, "businessunit", north);

        var fault = FaultAssert.Throws(DataverseErrorCodes.BusinessUnitHasChildAndCannotBeDeleted, () => env.Service.Delete("businessunit", north));

        Assert.StartsWith("Business unit has a child business unit and cannot be deleted.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisabledBusinessUnitWithoutChildren_IsDeleted()
    {
        using var env = SecurityTestSetup.Solution();
        var unit = env.ABusinessUnit("North");
        Disable(env.Service, "businessunit", unit);

        env.Service.Delete("businessunit", unit);

        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("businessunit") { Criteria = { Conditions = { new ConditionExpression("businessunitid", ConditionOperator.Equal, unit) } } }).Entities);
    }

    [Fact]
    public void SetStateOfAUser_DisablesAndEnablesThem()
    {
        using var env = SecurityTestSetup.Solution();

        Disable(env.Service, "systemuser", FixedIds.SalesRep);
        var disabled = env.Service.Retrieve("systemuser", FixedIds.SalesRep, new ColumnSet("isdisabled")).GetAttributeValue<bool>("isdisabled");
        FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" }));
        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("systemuser", FixedIds.SalesRep), State = new OptionSetValue(0), Status = new OptionSetValue(-1) });
        env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });

        Assert.True(disabled);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ARowAssignedToADisabledUser_IsRefused_AndKeepsItsOwner()
    {
        using var env = SecurityTestSetup.Solution();
        var id = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        Disable(env.Service, "systemuser", FixedIds.SalesRep);

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.OwnerNotEnabled,
            () => env.Service.Execute(new AssignRequest { Target = new EntityReference("account", id), Assignee = new EntityReference("systemuser", FixedIds.SalesRep) }));

        Assert.StartsWith("The specified owner has been disabled.", fault.Message, StringComparison.Ordinal);
        Assert.NotEqual(FixedIds.SalesRep, env.Service.Retrieve("account", id, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Fact]
    public void ARowCreatedForADisabledUser_IsRefused()
    {
        using var env = SecurityTestSetup.Solution();
        Disable(env.Service, "systemuser", FixedIds.SalesRep);

        FaultAssert.Throws(
            DataverseErrorCodes.OwnerNotEnabled,
            () => env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep) }));

        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    private static void Disable(IOrganizationService service, string table, Guid id) =>
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(table, id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });
}
