using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class QueryTargetTests
{
    [Fact]
    public void QueryExpression_NamesItsEntity()
    {
        Assert.Equal(T.Account, QueryTarget.EntityName(new QueryExpression(T.Account)));
    }

    [Fact]
    public void QueryByAttribute_NamesItsEntity()
    {
        Assert.Equal(T.Contact, QueryTarget.EntityName(new QueryByAttribute(T.Contact)));
    }

    [Fact]
    public void FetchExpression_NamesTheEntityElement()
    {
        Assert.Equal(T.SalesOrder, QueryTarget.EntityName(new FetchExpression("<fetch top='1'><entity name='salesorder'><attribute name='name' /></entity></fetch>")));
    }

    [Fact]
    public void MalformedFetchXml_HasNoEntityName()
    {
        Assert.Null(QueryTarget.EntityName(new FetchExpression("<fetch><entity name='account'>")));
    }
}
