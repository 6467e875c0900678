using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class ValueTypeTests
{
    [Fact]
    public void Money_EqualsByValue_WithEqualHashCodes()
    {
        Assert.Equal(new Money(10m), new Money(10.00m));
        Assert.Equal(new Money(10m).GetHashCode(), new Money(10.00m).GetHashCode());
        Assert.NotEqual(new Money(10m), new Money(11m));
        Assert.False(new Money(10m).Equals(null));
    }

    [Fact]
    public void OptionSetValue_EqualsByValue_WithEqualHashCodes()
    {
        Assert.Equal(new OptionSetValue(3), new OptionSetValue(3));
        Assert.Equal(new OptionSetValue(3).GetHashCode(), new OptionSetValue(3).GetHashCode());
        Assert.NotEqual(new OptionSetValue(3), new OptionSetValue(4));
    }

    [Fact]
    public void Money_DoesNotEqualABareDecimal()
    {
        Assert.False(new Money(10m).Equals(10m));
    }

    [Fact]
    public void AliasedValue_KeepsWhereTheValueCameFrom()
    {
        var aliased = new AliasedValue("systemuser", "fullname", "Ann");

        Assert.Equal("systemuser", aliased.EntityLogicalName);
        Assert.Equal("fullname", aliased.AttributeLogicalName);
        Assert.Equal("Ann", aliased.Value);
    }

    [Fact]
    public void Relationship_EqualsBySchemaNameAndRole()
    {
        var plain = new Relationship("cos_account_holds");
        var referenced = new Relationship("cos_account_holds") { PrimaryEntityRole = EntityRole.Referenced };

        Assert.Equal(plain, new Relationship("cos_account_holds"));
        Assert.NotEqual(plain, referenced);
        Assert.Equal("cos_account_holds.Referenced", referenced.ToString());
        Assert.Equal("cos_account_holds.", plain.ToString());
    }
}
