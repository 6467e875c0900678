using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: RetrieveRequest.RelatedEntitiesQuery. "When you retrieve an individual record you can also include a query to include
/// related records by setting the RelatedEntitiesQuery property … associate it with a specific entity relationship", read back from
/// <c>Entity.RelatedEntities[relationship]</c>; Microsoft's example asks an account for its tasks (one-to-many) and, through
/// account_primary_contact, for its primary contact (the account's own lookup) (org-service/entity-operations-retrieve, "Retrieve with
/// related records"). The local Dataverse refused every such request as not implemented.
/// </summary>
public sealed class RetrieveRelatedEntitiesProbes
{
    private sealed record World(LocalDataverse Dataverse, IOrganizationService Service, Guid Parent, Guid Child, Guid Primary, Guid Other);

    private static World Build()
    {
        var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var primary = service.Create(new Entity("contact") { ["lastname"] = "Primary" });
        var parent = service.Create(new Entity("account") { ["name"] = "Parent", ["primarycontactid"] = new EntityReference("contact", primary) });
        var child = service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });
        service.Create(new Entity("contact") { ["lastname"] = "Employee A", ["parentcustomerid"] = new EntityReference("account", parent) });
        service.Create(new Entity("contact") { ["lastname"] = "Employee B", ["parentcustomerid"] = new EntityReference("account", parent) });
        var other = service.Create(new Entity("contact") { ["lastname"] = "Elsewhere", ["parentcustomerid"] = new EntityReference("account", child) });
        return new World(dataverse, service, parent, child, primary, other);
    }

    private static Entity Retrieve(IOrganizationService service, Guid account, Relationship relationship, QueryBase query) =>
        ((RetrieveResponse)service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("account", account),
            ColumnSet = new ColumnSet("name"),
            RelatedEntitiesQuery = new RelationshipQueryCollection { { relationship, query } },
        })).Entity;

    private static QueryExpression Contacts() => new("contact") { ColumnSet = new ColumnSet("lastname") };

    [Fact]
    public void OneToMany_ReturnsTheRowsReferencingTheTarget_ThroughTheQuery()
    {
        var world = Build();
        using var _ = world.Dataverse;
        var query = Contacts();
        query.AddOrder("lastname", OrderType.Descending);

        var account = Retrieve(world.Service, world.Parent, new Relationship("contact_customer_accounts"), query);

        Assert.Equal("Parent", account.GetAttributeValue<string>("name"));
        Assert.Equal(["Employee B", "Employee A"],
            account.RelatedEntities[new Relationship("contact_customer_accounts")].Entities.Select(row => row.GetAttributeValue<string>("lastname")));
    }

    [Fact]
    public void TheRelatedQuerysOwnCriteria_Apply()
    {
        var world = Build();
        using var _ = world.Dataverse;
        var query = Contacts();
        query.Criteria.AddCondition("lastname", ConditionOperator.EndsWith, "A");

        var account = Retrieve(world.Service, world.Parent, new Relationship("contact_customer_accounts"), query);

        Assert.Equal(["Employee A"], account.RelatedEntities[new Relationship("contact_customer_accounts")].Entities.Select(row => row.GetAttributeValue<string>("lastname")));
    }

    [Fact]
    public void ManyToOne_ReturnsTheRowTheTargetsLookupNames()
    {
        var world = Build();
        using var _ = world.Dataverse;

        var account = Retrieve(world.Service, world.Parent, new Relationship("account_primary_contact"), Contacts());
        var noPrimary = Retrieve(world.Service, world.Child, new Relationship("account_primary_contact"), Contacts());

        Assert.Equal([world.Primary], account.RelatedEntities[new Relationship("account_primary_contact")].Entities.Select(row => row.Id));
        Assert.Empty(noPrimary.RelatedEntities[new Relationship("account_primary_contact")].Entities);
    }

    [Fact]
    public void ASelfReferencingRelationship_FollowsThePrimaryEntityRole()
    {
        var world = Build();
        using var _ = world.Dataverse;
        var asParent = new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referenced };
        var asChild = new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referencing };

        var children = Retrieve(world.Service, world.Parent, asParent, new QueryExpression("account") { ColumnSet = new ColumnSet("name") });
        var parent = Retrieve(world.Service, world.Child, asChild, new QueryExpression("account") { ColumnSet = new ColumnSet("name") });

        Assert.Equal([world.Child], children.RelatedEntities[asParent].Entities.Select(row => row.Id));
        Assert.Equal([world.Parent], parent.RelatedEntities[asChild].Entities.Select(row => row.Id));
    }

    [Fact]
    public void ManyToMany_ReturnsTheRowsLinkedThroughTheIntersectTable()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var sam = dataverse.CreateUser("Sam");
        var collections = dataverse.CreateTeam("Collections");
        dataverse.CreateTeam("Elsewhere");
        dataverse.AddTeamMember(collections, sam);
        var relationship = new Relationship("teammembership_association");

        var user = ((RetrieveResponse)service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("systemuser", sam),
            ColumnSet = new ColumnSet("fullname"),
            RelatedEntitiesQuery = new RelationshipQueryCollection { { relationship, new QueryExpression("team") { ColumnSet = new ColumnSet("name") } } },
        })).Entity;

        Assert.Equal([collections], user.RelatedEntities[relationship].Entities.Select(row => row.Id));
    }

    [Fact]
    public void AQueryOfAnotherTable_OrAnUnknownRelationship_IsRefused_AndAFetchExpressionFailsLoudly()
    {
        var world = Build();
        using var _ = world.Dataverse;

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Retrieve(world.Service, world.Parent, new Relationship("contact_customer_accounts"), new QueryExpression("task") { ColumnSet = new ColumnSet("subject") }));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Retrieve(world.Service, world.Parent, new Relationship("no_such_relationship"), Contacts()));
        var loud = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Retrieve(world.Service, world.Parent, new Relationship("contact_customer_accounts"), new FetchExpression("<fetch><entity name='contact' /></fetch>"))).Detail;
        Assert.Equal(unchecked((int)0x80040216), loud.ErrorCode);
    }
}
