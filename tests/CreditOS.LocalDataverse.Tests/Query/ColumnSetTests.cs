using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class ColumnSetTests : QueryTestBase
{
    private readonly Entity _stored;

    public ColumnSetTests()
    {
        _stored = AddAccount("Contoso", (T.CreditLimit, new Money(5000m)), (T.IndustryCode, new OptionSetValue(1)), (T.NumberOfEmployees, null));
    }

    [Fact]
    public void EmptyColumnSet_ReturnsOnlyThePrimaryKey()
    {
        var entity = Retrieve(new QueryExpression(T.Account)).Entities.Single();

        Assert.Equal(_stored.Id, entity.Id);
        Assert.Equal([T.AccountId], entity.Attributes.Select(attribute => attribute.Key));
        Assert.Equal(_stored.Id, entity[T.AccountId]);
    }

    [Fact]
    public void NamedColumns_ReturnThoseColumnsAndTheKey()
    {
        var entity = Retrieve(new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name, T.CreditLimit) }).Entities.Single();

        Assert.Equal([T.AccountId, T.CreditLimit, T.Name], entity.Attributes.Select(attribute => attribute.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NullValues_AreLeftOut()
    {
        var entity = Retrieve(new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.NumberOfEmployees) }).Entities.Single();

        Assert.False(entity.Contains(T.NumberOfEmployees));
    }

    [Fact]
    public void AllColumns_ReturnsEveryStoredValue()
    {
        var entity = Retrieve(new QueryExpression(T.Account) { ColumnSet = new ColumnSet(true) }).Entities.Single();

        Assert.Equal("Contoso", entity[T.Name]);
        Assert.Equal(new Money(5000m), entity[T.CreditLimit]);
        Assert.Equal(new OptionSetValue(1), entity[T.IndustryCode]);
    }

    [Fact]
    public void ReturnedEntities_AreCopies_SoCallersCannotChangeTheStore()
    {
        var entity = Retrieve(new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.CreditLimit) }).Entities.Single();

        entity.GetAttributeValue<Money>(T.CreditLimit).Value = 1m;
        entity[T.Name] = "Changed";

        Assert.NotSame(_stored, entity);
        Assert.Equal(5000m, _stored.GetAttributeValue<Money>(T.CreditLimit).Value);
        Assert.Equal("Contoso", _stored[T.Name]);
    }

    [Fact]
    public void UnknownColumn_FailsWithQueryBuilderNoAttribute()
    {
        var fault = Fault(new QueryExpression(T.Account) { ColumnSet = new ColumnSet("nosuchcolumn") });

        Assert.Equal(-2147217149, fault.ErrorCode);
    }

    [Fact]
    public void UnknownTable_FailsWithQueryBuilderNoEntity()
    {
        var fault = Fault(new QueryExpression("nosuchtable"));

        Assert.Equal(-2147217150, fault.ErrorCode);
        Assert.Equal("The entity with a name = 'nosuchtable' with namemapping = 'Logical' was not found in the MetadataCache.", fault.Message);
    }
}
