using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The business-owned tables (systemuser, team, businessunit, role) have no statecode or statuscode in Dataverse: a user's and
/// a business unit's state is <c>isdisabled</c>, changed by <c>SetStateRequest { State = 1, Status = -1 }</c> ("Sample: Disable
/// or enable a user"; "Status must be between -1 and -1" is the live answer to any other status, seanmcne/Microsoft.Xrm.Data.PowerShell#297),
/// and the team and role table references list no SetState message at all. A live report confirms "the User entity … does not have
/// statecode" (novalogica/pcf-hierarchy-control#1, a query of systemuser.statecode refused). Before session 21 the metadata loader
/// gave the four tables the Active/Inactive pair of owned tables, so the columns were read, queried and written.
/// </summary>
public sealed class BusinessOwnedStateProbes
{
    [Theory]
    [InlineData("systemuser")]
    [InlineData("team")]
    [InlineData("businessunit")]
    [InlineData("role")]
    public void TheirMetadata_HasNoStateColumns(string table)
    {
        using var env = SecurityTestSetup.Solution();

        var definition = env.Dataverse.Metadata.FindTable(table)!;

        Assert.Null(definition.FindColumn("statecode"));
        Assert.Null(definition.FindColumn("statuscode"));
    }

    [Fact]
    public void RetrievingAUsersStatecode_IsAnUnknownColumn()
    {
        using var env = SecurityTestSetup.Solution();

        FaultAssert.Throws(
            DataverseErrorCodes.QueryBuilderNoAttribute,
            () => env.Service.Retrieve("systemuser", FixedIds.SalesRep, new ColumnSet("fullname", "statecode")));
    }

    [Fact]
    public void QueryingTeamsByStatecode_IsAnUnknownColumn()
    {
        using var env = SecurityTestSetup.Solution();
        env.ATeam("North");

        FaultAssert.Throws(
            DataverseErrorCodes.QueryBuilderNoAttribute,
            () => env.Service.RetrieveMultiple(new QueryExpression("team")
            {
                ColumnSet = new ColumnSet("name"),
                Criteria = { Conditions = { new ConditionExpression("statecode", ConditionOperator.Equal, 0) } },
            }));
    }

    [Fact]
    public void ABusinessUnitRow_CarriesIsDisabled_AndNoState()
    {
        using var env = SecurityTestSetup.Solution();
        var unit = env.ABusinessUnit("North");

        var row = env.Service.Retrieve("businessunit", unit, new ColumnSet(true));

        Assert.False(row.Contains("statecode"));
        Assert.False(row.Contains("statuscode"));
        Assert.False(row.GetAttributeValue<bool>("isdisabled"));
    }

    [Fact]
    public void SetStateOfATeam_IsNotSupported_AndChangesNothing()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("North");
        var before = env.Service.Retrieve("team", team, new ColumnSet("versionnumber")).GetAttributeValue<long>("versionnumber");

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.SdkEntityDoesNotSupportMessage,
            () => env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("team", team), State = new OptionSetValue(1), Status = new OptionSetValue(-1) }));

        Assert.StartsWith("The 'SetState' method does not support entities of type 'team'.", fault.Message, StringComparison.Ordinal);
        Assert.Equal(before, env.Service.Retrieve("team", team, new ColumnSet("versionnumber")).GetAttributeValue<long>("versionnumber"));
    }

    [Fact]
    public void WritingARolesStatecode_IsAnUnknownColumn()
    {
        using var env = SecurityTestSetup.Solution();
        var role = env.Dataverse.SolutionRoleId(SolutionRoles.SalesRep);

        FaultAssert.Throws(
            DataverseErrorCodes.QueryBuilderNoAttribute,
            () => env.Service.Update(new Entity("role", role) { ["statecode"] = new OptionSetValue(1) }));
    }

    [Fact]
    public void SetStateOfAUser_StillDisablesThem()
    {
        using var env = SecurityTestSetup.Solution();

        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("systemuser", FixedIds.SalesRep), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        Assert.True(env.Service.Retrieve("systemuser", FixedIds.SalesRep, new ColumnSet("isdisabled")).GetAttributeValue<bool>("isdisabled"));
    }
}
