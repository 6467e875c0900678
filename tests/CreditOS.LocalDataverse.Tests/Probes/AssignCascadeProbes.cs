using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Metadata;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Assign cascades by the relationship's CascadeAssign ("Configure table relationship cascading behavior",
/// learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior): Cascade moves
/// every referencing row, Active only active ones, UserOwned only those the parent's owner owned, NoCascade none, and
/// nothing cascades when the parent is assigned to the owner it already has. Before session 16 an Assign moved the row alone.
/// </summary>
public sealed class AssignCascadeProbes
{
    [Fact]
    public void CascadeAll_AssignsEveryContactOfTheAccount_ToTheNewOwner()
    {
        using var world = World.Build(CascadeAssign.Cascade);
        var ann = world.Contact(world.Alice);
        var ben = world.Contact(world.Carol);

        world.Service.Execute(new AssignRequest { Target = world.AccountRef, Assignee = new EntityReference("systemuser", world.Bob) });

        Assert.Equal(world.Bob, world.OwnerOf("account", world.Account));
        Assert.Equal(world.Bob, world.OwnerOf("contact", ann));
        Assert.Equal(world.Bob, world.OwnerOf("contact", ben));
    }

    [Fact]
    public void AnUpdateOfOwnerId_CascadesAsAnAssign()
    {
        using var world = World.Build(CascadeAssign.Cascade);
        var ann = world.Contact(world.Alice);

        world.Service.Update(new Entity("account", world.Account) { ["ownerid"] = new EntityReference("systemuser", world.Bob) });

        Assert.Equal(world.Bob, world.OwnerOf("contact", ann));
    }

    [Fact]
    public void CascadeActive_LeavesInactiveContacts_WithTheirOwner()
    {
        using var world = World.Build(CascadeAssign.Active);
        var active = world.Contact(world.Alice);
        var inactive = world.Contact(world.Alice);
        world.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("contact", inactive), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        world.Service.Execute(new AssignRequest { Target = world.AccountRef, Assignee = new EntityReference("systemuser", world.Bob) });

        Assert.Equal(world.Bob, world.OwnerOf("contact", active));
        Assert.Equal(world.Alice, world.OwnerOf("contact", inactive));
    }

    [Fact]
    public void CascadeUserOwned_MovesOnlyTheContactsThePreviousOwnerOwned()
    {
        using var world = World.Build(CascadeAssign.UserOwned);
        var alices = world.Contact(world.Alice);
        var carols = world.Contact(world.Carol);

        world.Service.Execute(new AssignRequest { Target = world.AccountRef, Assignee = new EntityReference("systemuser", world.Bob) });

        Assert.Equal(world.Bob, world.OwnerOf("contact", alices));
        Assert.Equal(world.Carol, world.OwnerOf("contact", carols));
    }

    [Fact]
    public void NoCascade_MovesTheAccountAlone()
    {
        using var world = World.Build(CascadeAssign.NoCascade);
        var ann = world.Contact(world.Alice);

        world.Service.Execute(new AssignRequest { Target = world.AccountRef, Assignee = new EntityReference("systemuser", world.Bob) });

        Assert.Equal(world.Bob, world.OwnerOf("account", world.Account));
        Assert.Equal(world.Alice, world.OwnerOf("contact", ann));
    }

    [Fact]
    public void AssigningToTheCurrentOwner_DoesNotCascade()
    {
        using var world = World.Build(CascadeAssign.Cascade);
        var carols = world.Contact(world.Carol);

        world.Service.Execute(new AssignRequest { Target = world.AccountRef, Assignee = new EntityReference("systemuser", world.Alice) });

        Assert.Equal(world.Carol, world.OwnerOf("contact", carols));
    }

    [Fact]
    public void TheSolutionsOrderLines_RelationshipIsReadAsCascadeAll()
    {
        var relationship = SolutionMetadataLoader.LoadEmbedded().FindRelationship("order_details")!;
        Assert.Equal(CascadeAssign.Cascade, relationship.CascadeAssign);
        Assert.Equal(CascadeAssign.NoCascade, SolutionMetadataLoader.LoadEmbedded().FindRelationship("contact_customer_accounts")!.CascadeAssign);
    }

    private sealed class World : IDisposable
    {
        private readonly DataverseTestContext _context;

        private World(DataverseTestContext context)
        {
            _context = context;
            Alice = context.AUser("Alice").AsSystemAdministrator().Create();
            Bob = context.AUser("Bob").AsSystemAdministrator().Create();
            Carol = context.AUser("Carol").AsSystemAdministrator().Create();
            Account = Service.Create(new Entity("account") { ["name"] = "Contoso", ["cos_externalid"] = "X", ["ownerid"] = new EntityReference("systemuser", Alice) });
        }

        public Guid Alice { get; }

        public Guid Bob { get; }

        public Guid Carol { get; }

        public Guid Account { get; }

        public EntityReference AccountRef => new("account", Account);

        public IOrganizationService Service => _context.System;

        public static World Build(CascadeAssign cascade)
        {
            var catalog = TestCatalog.Create();
            var relationships = catalog.Relationships.Select(relationship => relationship.SchemaName != TestCatalog.ContactParentRelationship
                ? relationship
                : new RelationshipDefinition
                {
                    SchemaName = relationship.SchemaName,
                    Type = relationship.Type,
                    ReferencedTable = relationship.ReferencedTable,
                    ReferencingTable = relationship.ReferencingTable,
                    ReferencingAttribute = relationship.ReferencingAttribute,
                    CascadeAssign = cascade,
                });
            return new World(TestEnvironment.Builder().WithMetadata(new MetadataCatalog(catalog.Tables, relationships)).Build());
        }

        public Guid Contact(Guid owner) => Service.Create(new Entity("contact")
        {
            ["lastname"] = "Contact",
            ["cos_code"] = "C",
            ["parentcustomerid"] = AccountRef,
            ["ownerid"] = new EntityReference("systemuser", owner),
        });

        public Guid OwnerOf(string table, Guid id) =>
            Service.Retrieve(table, id, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id;

        public void Dispose() => _context.Dispose();
    }
}
