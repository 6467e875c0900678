using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class EntityTests
{
    private static readonly Guid AccountId = new("6f1f2a54-0b7e-4d59-9a4c-1f0d3c1e2a01");

    [Fact]
    public void Indexer_ForAbsentAttribute_ThrowsKeyNotFoundException()
    {
        var account = new Entity("account");

        Assert.Throws<KeyNotFoundException>(() => account["name"]);
    }

    [Fact]
    public void Indexer_SetThenGet_ReturnsValue()
    {
        var account = new Entity("account") { ["name"] = "Contoso" };

        Assert.Equal("Contoso", account["name"]);
    }

    [Fact]
    public void GetAttributeValue_ForAbsentAttribute_ReturnsDefault()
    {
        var account = new Entity("account");

        Assert.Equal(0, account.GetAttributeValue<int>("numberofemployees"));
        Assert.Null(account.GetAttributeValue<int?>("numberofemployees"));
        Assert.Null(account.GetAttributeValue<Money>("creditlimit"));
    }

    [Fact]
    public void GetAttributeValue_ForNullValue_ReturnsDefault()
    {
        var account = new Entity("account") { ["numberofemployees"] = null };

        Assert.Equal(0, account.GetAttributeValue<int>("numberofemployees"));
    }

    [Fact]
    public void GetAttributeValue_ForValueOfAnotherType_ThrowsInvalidCast()
    {
        var account = new Entity("account") { ["numberofemployees"] = 5 };

        Assert.Throws<InvalidCastException>(() => account.GetAttributeValue<decimal>("numberofemployees"));
    }

    [Fact]
    public void GetAttributeValue_DoesNotUnwrapAliasedValues()
    {
        var row = new Entity("account") { ["owner.fullname"] = new AliasedValue("systemuser", "fullname", "Ann") };

        Assert.Throws<InvalidCastException>(() => row.GetAttributeValue<string>("owner.fullname"));
        Assert.Equal("Ann", row.GetAttributeValue<AliasedValue>("owner.fullname").Value);
    }

    [Fact]
    public void Contains_IsTrueForPresentAttributeEvenWhenNull()
    {
        var account = new Entity("account") { ["fax"] = null };

        Assert.True(account.Contains("fax"));
        Assert.False(account.Contains("telephone1"));
    }

    [Fact]
    public void AttributeNames_AreCaseSensitive()
    {
        var account = new Entity("account") { ["Name"] = "Contoso" };

        Assert.False(account.Contains("name"));
    }

    [Fact]
    public void TryGetAttributeValue_IsFalseForAbsentNullOrOtherType()
    {
        var account = new Entity("account") { ["name"] = "Contoso", ["fax"] = null };

        Assert.True(account.TryGetAttributeValue<string>("name", out var name));
        Assert.Equal("Contoso", name);
        Assert.False(account.TryGetAttributeValue<string>("fax", out _));
        Assert.False(account.TryGetAttributeValue<int>("name", out _));
        Assert.False(account.TryGetAttributeValue<string>("telephone1", out _));
    }

    [Fact]
    public void NewEntity_HasEmptyCollectionsAndNoState()
    {
        var entity = new Entity();

        Assert.Null(entity.LogicalName);
        Assert.Equal(Guid.Empty, entity.Id);
        Assert.Empty(entity.Attributes);
        Assert.Empty(entity.KeyAttributes);
        Assert.Empty(entity.FormattedValues);
        Assert.Null(entity.EntityState);
        Assert.Null(entity.RowVersion);
    }

    [Fact]
    public void SettingId_DoesNotAddThePrimaryKeyAttribute()
    {
        var account = new Entity("account") { Id = AccountId };

        Assert.Empty(account.Attributes);
    }

    [Fact]
    public void KeyConstructor_FillsKeyAttributes()
    {
        var account = new Entity("account", "accountnumber", "ACC-1");

        Assert.Equal("ACC-1", account.KeyAttributes["accountnumber"]);
        Assert.Equal(Guid.Empty, account.Id);
    }

    [Fact]
    public void ToEntityReference_CarriesLogicalNameIdAndRowVersionOnly()
    {
        var account = new Entity("account", AccountId) { RowVersion = "42", ["name"] = "Contoso" };
        account.KeyAttributes["accountnumber"] = "ACC-1";

        var reference = account.ToEntityReference();

        Assert.Equal("account", reference.LogicalName);
        Assert.Equal(AccountId, reference.Id);
        Assert.Equal("42", reference.RowVersion);
        Assert.Null(reference.Name);
        Assert.Empty(reference.KeyAttributes);
    }

    [Fact]
    public void ToEntity_OfEntity_IsANewObjectSharingTheAttributes()
    {
        var account = new Entity("account", AccountId) { ["name"] = "Contoso" };

        var copy = account.ToEntity<Entity>();
        copy["name"] = "Fabrikam";

        Assert.NotSame(account, copy);
        Assert.Equal(AccountId, copy.Id);
        Assert.Equal("Fabrikam", account["name"]);
    }

    [Fact]
    public void ToEntity_OfEarlyBoundType_ChecksTheLogicalName()
    {
        var account = new Entity("account", AccountId) { ["name"] = "Contoso" };
        var contact = new Entity("contact");

        var typed = account.ToEntity<EarlyBoundAccount>();

        Assert.Equal("Contoso", typed.Name);
        Assert.Throws<NotSupportedException>(() => contact.ToEntity<EarlyBoundAccount>());
    }

    [Microsoft.Xrm.Sdk.Client.EntityLogicalName("account")]
    public sealed class EarlyBoundAccount : Entity
    {
        public EarlyBoundAccount()
            : base("account")
        {
        }

        public string Name => GetAttributeValue<string>("name");
    }
}
