using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class AssociationTests
{
    [Fact]
    public void Associate_OneToMany_SetsTheLookupOnTheRelatedRows()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Parent"));
        var contact = env.Service.Create(Rows.Contact("Smith"));

        env.Service.Associate("account", account, new Relationship(TestCatalog.ContactParentRelationship), [new EntityReference("contact", contact)]);

        Assert.Equal(new EntityReference("account", account), env.Service.Get("contact", contact, "parentcustomerid").GetAttributeValue<EntityReference>("parentcustomerid"));
    }

    [Fact]
    public void Disassociate_OneToMany_ClearsTheLookup()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Parent"));
        var contact = env.Service.Create(Rows.Contact("Smith"));
        var relationship = new Relationship(TestCatalog.ContactParentRelationship);
        env.Service.Associate("account", account, relationship, [new EntityReference("contact", contact)]);

        env.Service.Disassociate("account", account, relationship, [new EntityReference("contact", contact)]);

        Assert.False(env.Service.Get("contact", contact, "parentcustomerid").Contains("parentcustomerid"));
    }

    [Fact]
    public void Associate_ManyToMany_AddsAnIntersectRow_AndDisassociateRemovesIt()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));
        var contact = env.Service.Create(Rows.Contact("Smith"));
        var relationship = new Relationship(TestCatalog.AccountContactRelationship);

        env.Service.Associate("account", account, relationship, [new EntityReference("contact", contact)]);
        Assert.Equal(1, env.Dataverse.Count("cos_account_contact"));

        env.Service.Disassociate("account", account, relationship, [new EntityReference("contact", contact)]);
        Assert.Equal(0, env.Dataverse.Count("cos_account_contact"));
    }

    [Fact]
    public void Associate_ManyToManyTwice_FailsAsDuplicate()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));
        var contact = env.Service.Create(Rows.Contact("Smith"));
        var relationship = new Relationship(TestCatalog.AccountContactRelationship);
        env.Service.Associate("account", account, relationship, [new EntityReference("contact", contact)]);

        FaultAssert.Throws(DataverseErrorCodes.DuplicateRecord, () =>
            env.Service.Associate("account", account, relationship, [new EntityReference("contact", contact)]));
    }

    [Fact]
    public void Associate_UnknownRelationship_Fails()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () =>
            env.Service.Execute(new AssociateRequest
            {
                Target = new EntityReference("account", account),
                Relationship = new Relationship("no_such_relationship"),
                RelatedEntities = [],
            }));
    }
}
