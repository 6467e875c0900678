using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

/// <summary>
/// A row's and a reference's formatted values, related entities and keys are made on first read (session 23, for the
/// local Dataverse's allocations) and behave as the SDK's made in the constructor: never null unless set so, one collection
/// kept, and shared with a <c>ToEntity</c> copy made before anything was put in them.
/// </summary>
public class LazyCollectionsTests
{
    [Fact]
    public void EachCollection_IsOneCollection_ThatKeepsWhatIsPutInIt()
    {
        var account = new Entity("account");
        var reference = new EntityReference("account", Guid.NewGuid());

        account.FormattedValues["name"] = "Contoso";
        account.KeyAttributes["accountnumber"] = "ACC-1";
        account.RelatedEntities[new Relationship("account_contacts")] = new EntityCollection();
        reference.KeyAttributes["accountnumber"] = "ACC-1";

        Assert.Same(account.FormattedValues, account.FormattedValues);
        Assert.Same(account.KeyAttributes, account.KeyAttributes);
        Assert.Same(account.RelatedEntities, account.RelatedEntities);
        Assert.Equal("Contoso", account.FormattedValues["name"]);
        Assert.Equal("ACC-1", account.KeyAttributes["accountnumber"]);
        Assert.Single(account.RelatedEntities);
        Assert.Equal("ACC-1", reference.KeyAttributes["accountnumber"]);
    }

    [Fact]
    public void KeyAttributesSetToNull_ReadNull()
    {
        var account = new Entity("account") { KeyAttributes = null! };
        var reference = new EntityReference("account") { KeyAttributes = null! };

        Assert.Null(account.KeyAttributes);
        Assert.Null(reference.KeyAttributes);
    }

    [Fact]
    public void ToEntity_BeforeAnyFormattedValueOrKey_SharesThemWithTheOriginal()
    {
        var account = new Entity("account", Guid.NewGuid());

        var copy = account.ToEntity<Entity>();
        copy.FormattedValues["name"] = "Contoso";
        copy.KeyAttributes["accountnumber"] = "ACC-1";
        copy.RelatedEntities[new Relationship("account_contacts")] = new EntityCollection();

        Assert.Equal("Contoso", account.FormattedValues["name"]);
        Assert.Equal("ACC-1", account.KeyAttributes["accountnumber"]);
        Assert.Single(account.RelatedEntities);
    }
}
