using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>Condition values given as text (FetchXML) or as other CLR types are read as the column's type.</summary>
public sealed class TypedValueTests : QueryTestBase
{
    private readonly Entity _contoso;

    public TypedValueTests()
    {
        _contoso = AddAccount("Contoso", (T.Ratio, 0.75), (T.OnHold, true), (T.Score, 10.5m), (T.CreatedOn, Utc(2026, 3, 1, 8, 30)));
        AddAccount("Fabrikam", (T.Ratio, 1.5), (T.OnHold, false), (T.Score, 2m), (T.CreatedOn, Utc(2026, 3, 2)));
    }

    private List<string> FetchNames(string condition) =>
        Names(Fetch($"<fetch><entity name='account'><attribute name='name' /><filter>{condition}</filter></entity></fetch>"));

    [Fact]
    public void FloatingPointColumns_CompareNumerically()
    {
        Assert.Equal(["Fabrikam"], FetchNames("<condition attribute='cos_ratio' operator='gt' value='1' />"));
        Assert.Equal(["Contoso"], AccountNames(Accounts(new ConditionExpression(T.Ratio, ConditionOperator.LessThan, 1))));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public void BooleanColumns_AcceptFetchXmlTrue(string value)
    {
        Assert.Equal(["Contoso"], FetchNames($"<condition attribute='cos_onhold' operator='eq' value='{value}' />"));
    }

    [Fact]
    public void DecimalColumns_AcceptWholeNumbers()
    {
        Assert.Equal(["Contoso"], AccountNames(Accounts(new ConditionExpression(T.Score, ConditionOperator.GreaterThan, 10))));
    }

    [Fact]
    public void KeyColumns_AcceptGuidTextWithOrWithoutBraces()
    {
        Assert.Equal(["Contoso"], FetchNames($"<condition attribute='accountid' operator='eq' value='{{{_contoso.Id}}}' />"));
        Assert.Equal(["Contoso"], FetchNames($"<condition attribute='accountid' operator='eq' value='{_contoso.Id}' />"));
    }

    [Fact]
    public void DateTimeEquality_ComparesTheFullMoment()
    {
        Assert.Equal(["Contoso"], FetchNames("<condition attribute='createdon' operator='eq' value='2026-03-01T08:30:00Z' />"));
        Assert.Empty(FetchNames("<condition attribute='createdon' operator='eq' value='2026-03-01' />"));
    }

    [Fact]
    public void DateTimeWithAnOffset_IsReadInUtc()
    {
        Assert.Equal(["Contoso"], FetchNames("<condition attribute='createdon' operator='eq' value='2026-03-01T09:30:00+01:00' />"));
    }

    [Fact]
    public void UnparsableGuid_Fails()
    {
        var fault = Fault(new FetchExpression("<fetch><entity name='account'><filter><condition attribute='accountid' operator='eq' value='not-a-guid' /></filter></entity></fetch>"));

        Assert.Equal(-2147217144, fault.ErrorCode);
    }

    [Fact]
    public void DateTimeOrdering_IsChronological()
    {
        var query = Accounts();
        query.AddOrder(T.CreatedOn, OrderType.Descending);

        Assert.Equal(["Fabrikam", "Contoso"], AccountNames(query));
    }

    [Fact]
    public void JoinWithoutAnIndex_ScansTheLinkedTableOnce_AndCountsItsRows()
    {
        Add(T.Contact, (T.FullName, "Contoso"));
        Add(T.Contact, (T.FullName, "Someone"));
        var query = Accounts();
        query.AddLink(T.Contact, T.Name, T.FullName);

        var result = Engine.Execute(query);

        Assert.Equal(["Contoso"], Names(result.Entities));
        Assert.Equal(4, result.RowsExamined);
    }
}
