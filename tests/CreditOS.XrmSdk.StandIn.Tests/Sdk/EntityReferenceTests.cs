using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class EntityReferenceTests
{
    private static readonly Guid AccountId = new("6f1f2a54-0b7e-4d59-9a4c-1f0d3c1e2a02");

    [Fact]
    public void Equals_IsTrueForSameLogicalNameAndId_RegardlessOfName()
    {
        var first = new EntityReference("account", AccountId) { Name = "Contoso" };
        var second = new EntityReference("account", AccountId) { Name = "Other" };

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_IsFalseForDifferentIdOrLogicalName()
    {
        var reference = new EntityReference("account", AccountId);

        Assert.NotEqual(reference, new EntityReference("account", Guid.NewGuid()));
        Assert.NotEqual(reference, new EntityReference("contact", AccountId));
        Assert.False(reference.Equals(null));
    }

    [Fact]
    public void Equals_ComparesLogicalNameCaseSensitively()
    {
        Assert.NotEqual(new EntityReference("account", AccountId), new EntityReference("Account", AccountId));
    }

    [Fact]
    public void EqualityOperator_IsReferenceEquality()
    {
        var first = new EntityReference("account", AccountId);
        var second = new EntityReference("account", AccountId);

#pragma warning disable CS0252, CS0253 // the point of the test: == is not overloaded
        Assert.False((object)first == second);
#pragma warning restore CS0252, CS0253
    }

    [Fact]
    public void KeyConstructor_FillsKeyAttributes()
    {
        var reference = new EntityReference("account", "accountnumber", "ACC-1");

        Assert.Equal("ACC-1", reference.KeyAttributes["accountnumber"]);
        Assert.Equal(Guid.Empty, reference.Id);
    }

    [Fact]
    public void DefaultConstructor_HasEmptyKeyAttributes()
    {
        Assert.Empty(new EntityReference().KeyAttributes);
    }
}
