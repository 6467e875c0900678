using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Tests.Query.Support;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class QueryEngineTests : QueryTestBase
{
    [Fact]
    public void Execute_WithoutAQuery_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Engine.Execute(null!));
    }

    [Fact]
    public void Constructor_WithoutARowSource_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new QueryEngine(null!, TimeProvider.System));
    }

    [Fact]
    public void Constructor_WithoutAClock_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new QueryEngine(Rows, null!));
    }

    [Fact]
    public void QueryWithoutEntityName_Fails()
    {
        Assert.Contains("does not name an entity", Fault(new Microsoft.Xrm.Sdk.Query.QueryExpression()).Message, StringComparison.Ordinal);
    }
}
