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

    [Theory]
    [InlineData("team")]
    [InlineData("systemuser")]
    public void Disassociate_TeamMembership_RemovesTheUserFromTheTeam_AndAddingThemTwiceIsADuplicate(string fromSide)
    {
        // The intersect's columns carry no index: Disassociate once removed nothing and a second Associate went unrefused.
        using var context = DataverseTestBuilder.ALocalDataverse().Build();
        var dataverse = context.Dataverse;
        var user = dataverse.CreateUser("Lena Left");
        var team = dataverse.CreateTeam("Finance approvers");
        var relationship = new Relationship("teammembership_association");
        var (table, id, other) = fromSide == "team" ? ("team", team, new EntityReference("systemuser", user)) : ("systemuser", user, new EntityReference("team", team));
        context.Service.Associate(table, id, relationship, [other]);

        var duplicate = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => context.Service.Associate(table, id, relationship, [other]));
        context.Service.Disassociate(table, id, relationship, [other]);

        Assert.Equal(unchecked((int)0x80040237), duplicate.Detail.ErrorCode);
        Assert.Empty(context.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("teammembership")
        {
            ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("teamid", "systemuserid"),
        }).Entities);
    }
}
