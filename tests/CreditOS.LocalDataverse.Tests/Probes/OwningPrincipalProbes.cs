using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A user-owned row names its owner twice more by kind: <c>owninguser</c> "Unique identifier of the user who owns the account" and
/// <c>owningteam</c> "Unique identifier for the team that owns the account" (Account table reference; every user-owned table has the
/// pair), one set and the other empty, following <c>ownerid</c> through Create, Assign and an Update of the owner. Before session 21
/// the local Dataverse declared both columns and never filled them, so a query on owninguser (a common way to read "my rows" without
/// the polymorphic owner) found nothing and a Retrieve answered null.
/// </summary>
public sealed class OwningPrincipalProbes
{
    [Fact]
    public void ARowAUserCreates_IsOwnedByThatUser_AndByNoTeam()
    {
        using var env = SecurityTestSetup.Solution();

        var id = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });

        var row = env.Service.Retrieve("account", id, new ColumnSet("owninguser", "owningteam"));
        Assert.Equal(new EntityReference("systemuser", FixedIds.SalesRep), Reference(row, "owninguser"));
        Assert.False(row.Contains("owningteam"));
    }

    [Fact]
    public void ARowCreatedForATeam_IsOwnedByTheTeam_AndByNoUser()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("Credit desk", solutionRoleNames: SolutionRoles.Collector); // a team owns only rows of tables its roles read (round 28)

        var id = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("team", team) });

        var row = env.Service.Retrieve("account", id, new ColumnSet("owninguser", "owningteam"));
        Assert.Equal(new EntityReference("team", team), Reference(row, "owningteam"));
        Assert.False(row.Contains("owninguser"));
    }

    [Fact]
    public void AssigningToATeamAndBack_MovesTheOwningColumns()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("Credit desk", solutionRoleNames: SolutionRoles.Collector); // a team owns only rows of tables its roles read (round 28)
        var id = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep) });

        env.Service.Execute(new AssignRequest { Target = new EntityReference("account", id), Assignee = new EntityReference("team", team) });
        var toTeam = env.Service.Retrieve("account", id, new ColumnSet("owninguser", "owningteam"));
        env.Service.Update(new Entity("account", id) { ["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep) });
        var back = env.Service.Retrieve("account", id, new ColumnSet("owninguser", "owningteam"));

        Assert.Equal(new EntityReference("team", team), Reference(toTeam, "owningteam"));
        Assert.False(toTeam.Contains("owninguser"));
        Assert.Equal(new EntityReference("systemuser", FixedIds.SalesRep), Reference(back, "owninguser"));
        Assert.False(back.Contains("owningteam"));
    }

    [Fact]
    public void AQueryOnOwningUser_FindsTheUsersRows()
    {
        using var env = SecurityTestSetup.Solution();
        var mine = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });
        env.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });

        var rows = env.Service.RetrieveMultiple(new QueryExpression("account")
        {
            ColumnSet = new ColumnSet("name"),
            Criteria = { Conditions = { new ConditionExpression("owninguser", ConditionOperator.Equal, FixedIds.SalesRep) } },
        }).Entities;

        Assert.Equal([mine], rows.Select(r => r.Id));
    }

    [Fact]
    public void AFetchOnOwningTeam_FindsTheTeamsRows()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("Credit desk", solutionRoleNames: SolutionRoles.Collector); // a team owns only rows of tables its roles read (round 28)
        var theirs = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("team", team) });
        env.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });

        var rows = env.Service.RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='owningteam' operator='eq' value='{team}' /></filter></entity></fetch>")).Entities;

        Assert.Equal([theirs], rows.Select(r => r.Id));
    }

    private static EntityReference Reference(Entity row, string column)
    {
        var value = row.GetAttributeValue<EntityReference>(column);
        return new EntityReference(value.LogicalName, value.Id);
    }
}
