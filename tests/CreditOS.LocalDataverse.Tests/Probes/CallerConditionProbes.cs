using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Condition operators relative to the calling user (FetchXml condition operators, fetchxml/reference/operators): eq-userid, "No
/// value is required for this operator. &lt;condition attribute='ownerid' operator='eq-userid' /&gt;", and ne-userid; eq-businessid
/// and ne-businessid (the caller's business unit); eq-userteams and eq-useroruserteams (rows owned by the caller's teams, or by the
/// caller or those teams). They were refused as not supported; they now filter by whoever runs the query (the impersonated user
/// when there is one). The manager-hierarchy operators stay refused.
/// </summary>
public sealed class CallerConditionProbes
{
    [Theory]
    [InlineData("eq-userid", new[] { "Fiona's" })]
    [InlineData("ne-userid", new[] { "Other's", "Team's" })]
    [InlineData("eq-userteams", new[] { "Team's" })]
    [InlineData("eq-useroruserteams", new[] { "Fiona's", "Team's" })]
    public void OwnerOperators_FilterByTheCallingUserAndTheirTeams(string op, string[] expected)
    {
        using var dataverse = World(out var fiona);

        var rows = dataverse.GetOrganizationService(fiona).RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='account'><attribute name='name'/><order attribute='name'/><filter><condition attribute='ownerid' operator='{op}'/></filter></entity></fetch>"));

        Assert.Equal(expected, rows.Entities.Select(row => row.GetAttributeValue<string>("name")).ToArray());
    }

    [Fact]
    public void BusinessIdOperators_CompareWithTheCallersBusinessUnit()
    {
        using var dataverse = World(out var fiona);
        var service = dataverse.GetOrganizationService(fiona);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("owningbusinessunit", ConditionOperator.EqualBusinessId);
        var other = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        other.Criteria.AddCondition("owningbusinessunit", ConditionOperator.NotEqualBusinessId);

        Assert.Equal(3, service.RetrieveMultiple(query).Entities.Count);
        Assert.Empty(service.RetrieveMultiple(other).Entities);
    }

    [Fact]
    public void EqUserId_FollowsTheImpersonatedUser()
    {
        using var dataverse = World(out var fiona);
        var system = dataverse.GetOrganizationService();
        system.CallerId = fiona;
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserId);

        Assert.Equal(["Fiona's"], system.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>("name")).ToArray());
    }

    [Fact]
    public void AValue_OrAColumnOfAnotherType_IsRefused()
    {
        using var dataverse = World(out var fiona);
        var service = dataverse.GetOrganizationService(fiona);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='ownerid' operator='eq-userid' value='{fiona}'/></filter></entity></fetch>")));
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='name' operator='eq-userid'/></filter></entity></fetch>")));
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='parentaccountid' operator='eq-userteams'/></filter></entity></fetch>")));
    }

    /// <summary>Fiona (System Administrator, member of Collections) and three accounts: hers, the team's and another user's.</summary>
    private static LocalDataverse World(out Guid fiona)
    {
        var dataverse = new LocalDataverse();
        fiona = dataverse.CreateUser("Fiona Finance");
        dataverse.AssignRole(fiona, dataverse.SystemAdministratorRoleId);
        var other = dataverse.CreateUser("Oscar Other");
        var team = dataverse.CreateTeam("Collections");
        dataverse.AddTeamMember(team, fiona);
        var system = dataverse.GetOrganizationService();
        system.Create(new Entity("account") { ["name"] = "Fiona's", ["ownerid"] = new EntityReference("systemuser", fiona) });
        system.Create(new Entity("account") { ["name"] = "Team's", ["ownerid"] = new EntityReference("team", team) });
        system.Create(new Entity("account") { ["name"] = "Other's", ["ownerid"] = new EntityReference("systemuser", other) });
        return dataverse;
    }
}
