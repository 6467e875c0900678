using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>Relationships as the solution declares them (not the purpose-built test catalog).</summary>
public sealed class SolutionRelationshipTests
{
    [Fact]
    public void Associate_TeamMembership_AddsTheUserToTheTeam_ThroughTheSolutionsIntersectTable()
    {
        using var context = DataverseTestBuilder.ALocalDataverse().Build();
        var dataverse = context.Dataverse;
        var user = dataverse.CreateUser("Fiona Grant");
        var team = context.Service.Create(new Entity("team")
        {
            ["name"] = "Finance approvers",
            ["businessunitid"] = new EntityReference("businessunit", dataverse.RootBusinessUnitId),
            ["administratorid"] = new EntityReference("systemuser", dataverse.SystemUserId),
        });

        context.Service.Associate("team", team, new Relationship("teammembership_association"), [new EntityReference("systemuser", user)]);

        var membership = Assert.Single(context.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("teammembership")
        {
            ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("teamid", "systemuserid"),
        }).Entities);
        Assert.Equal(team, membership.GetAttributeValue<Guid>("teamid"));
        Assert.Equal(user, membership.GetAttributeValue<Guid>("systemuserid"));
    }
}
