using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class CollectionTests
{
    [Fact]
    public void ParameterCollection_ReadOfAbsentKey_ThrowsKeyNotFoundException()
    {
        Assert.Throws<KeyNotFoundException>(() => new ParameterCollection()["Target"]);
    }

    [Fact]
    public void ParameterCollection_AddOfExistingKey_Throws_WhileIndexerReplaces()
    {
        var parameters = new ParameterCollection { { "Target", 1 } };

        Assert.Throws<ArgumentException>(() => parameters.Add("Target", 2));
        parameters["Target"] = 3;
        Assert.Equal(3, parameters["Target"]);
    }

    [Fact]
    public void ParameterCollection_KeysAreCaseSensitive()
    {
        var parameters = new ParameterCollection { ["Target"] = 1 };

        Assert.False(parameters.Contains("target"));
        Assert.True(parameters.ContainsKey("Target"));
    }

    [Fact]
    public void ParameterCollection_AddOrUpdateIfNotNull_IgnoresNull()
    {
        var parameters = new ParameterCollection { ["count"] = 1 };

        parameters.AddOrUpdateIfNotNull("count", null);
        parameters.AddOrUpdateIfNotNull("other", null);
        parameters.AddOrUpdateIfNotNull("total", 5);

        Assert.Equal(1, parameters["count"]);
        Assert.False(parameters.Contains("other"));
        Assert.Equal(5, parameters["total"]);
    }

    [Fact]
    public void EntityImageCollection_HoldsImagesByAlias()
    {
        var images = new EntityImageCollection { { "PreImage", new Entity("account") } };

        Assert.True(images.TryGetValue("PreImage", out var image));
        Assert.Equal("account", image.LogicalName);
        Assert.False(images.TryGetValue("PostImage", out _));
    }

    [Fact]
    public void EntityCollection_FromList_CopiesTheItems()
    {
        var rows = new List<Entity> { new("account") };
        var collection = new EntityCollection(rows);

        rows.Add(new Entity("account"));

        Assert.Single(collection.Entities);
        Assert.Same(rows[0], collection[0]);
    }

    [Fact]
    public void EntityCollection_Defaults()
    {
        var collection = new EntityCollection();

        Assert.Empty(collection.Entities);
        Assert.False(collection.MoreRecords);
        Assert.Null(collection.PagingCookie);
        Assert.Equal(0, collection.TotalRecordCount);
    }

    [Fact]
    public void DataCollection_AddRange_OfNull_AddsNothing()
    {
        var references = new EntityReferenceCollection();

        references.AddRange((EntityReference[])null!);
        references.AddRange(new EntityReference("account", Guid.NewGuid()), new EntityReference("contact", Guid.NewGuid()));

        Assert.Equal(2, references.Count);
        Assert.Equal(2, references.ToArray().Length);
    }
}
