using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class ConditionOperatorTests : QueryTestBase
{
    private const int QueryBuilderNoAttribute = -2147217149;
    private const int QueryBuilderInvalidValue = -2147217144;
    private const int NotSupported = -2147220715;

    public ConditionOperatorTests()
    {
        AddAccount("Contoso", (T.NumberOfEmployees, 10), (T.CreditLimit, new Money(5000m)), (T.IndustryCode, new OptionSetValue(1)), (T.OnHold, true));
        AddAccount("Fabrikam", (T.NumberOfEmployees, 20), (T.CreditLimit, new Money(15000m)), (T.IndustryCode, new OptionSetValue(2)), (T.OnHold, false));
        AddAccount("Adventure Works", (T.NumberOfEmployees, 30), (T.CreditLimit, new Money(25000m)), (T.IndustryCode, new OptionSetValue(3)));
        AddAccount("Café Über");
    }

    [Fact]
    public void Equal_OnText_MatchesCaseInsensitively()
    {
        Assert.Equal(["Contoso"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Equal, "CONTOSO"))));
    }

    [Fact]
    public void Equal_OnText_IgnoresAccentsAndTrailingSpaces()
    {
        Assert.Equal(["Café Über"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Equal, "cafe uber  "))));
    }

    [Fact]
    public void NotEqual_ExcludesRowsWhereTheColumnIsNull()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.NotEqual, 10)));

        Assert.Equal(["Adventure Works", "Fabrikam"], names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ConditionOperator.GreaterThan, 20, new[] { "Adventure Works" })]
    [InlineData(ConditionOperator.GreaterEqual, 20, new[] { "Adventure Works", "Fabrikam" })]
    [InlineData(ConditionOperator.LessThan, 20, new[] { "Contoso" })]
    [InlineData(ConditionOperator.LessEqual, 20, new[] { "Contoso", "Fabrikam" })]
    public void Comparisons_OnWholeNumbers_FollowTheOperator(ConditionOperator op, int value, string[] expected)
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, op, value)));

        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GreaterThan_OnMoney_ComparesByValue()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.CreditLimit, ConditionOperator.GreaterThan, new Money(10000m))));

        Assert.Equal(["Adventure Works", "Fabrikam"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Equal_OnMoney_AcceptsAPlainDecimal()
    {
        Assert.Equal(["Fabrikam"], AccountNames(Accounts(new ConditionExpression(T.CreditLimit, ConditionOperator.Equal, 15000m))));
    }

    [Fact]
    public void Equal_OnChoice_ComparesOptionSetValueByValue()
    {
        Assert.Equal(["Fabrikam"], AccountNames(Accounts(new ConditionExpression(T.IndustryCode, ConditionOperator.Equal, new OptionSetValue(2)))));
    }

    [Fact]
    public void Equal_OnLookup_ComparesEntityReferenceById()
    {
        var parent = AddAccount("Parent");
        AddAccount("Child", (T.ParentAccountId, new EntityReference(T.Account, parent.Id)));

        Assert.Equal(["Child"], AccountNames(Accounts(new ConditionExpression(T.ParentAccountId, ConditionOperator.Equal, parent.Id))));
        Assert.Equal(["Child"], AccountNames(Accounts(new ConditionExpression(T.ParentAccountId, ConditionOperator.Equal, new EntityReference(T.Account, parent.Id)))));
    }

    [Fact]
    public void Equal_OnBoolean_MatchesTheFlag()
    {
        Assert.Equal(["Contoso"], AccountNames(Accounts(new ConditionExpression(T.OnHold, ConditionOperator.Equal, true))));
    }

    [Fact]
    public void In_MatchesAnyOfTheValues()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.In, 10, 30, 99)));

        Assert.Equal(["Adventure Works", "Contoso"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NotIn_ExcludesTheValuesAndNulls()
    {
        Assert.Equal(["Fabrikam"], AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.NotIn, 10, 30))));
    }

    [Fact]
    public void Null_MatchesRowsWithoutAValue()
    {
        Assert.Equal(["Café Über"], AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.Null))));
    }

    [Fact]
    public void NotNull_MatchesRowsWithAValue()
    {
        Assert.Equal(3, Retrieve(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.NotNull))).Entities.Count);
    }

    [Fact]
    public void Like_PercentMatchesAnyRun_CaseInsensitively()
    {
        Assert.Equal(["Adventure Works"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Like, "%WORK%"))));
    }

    [Fact]
    public void Like_UnderscoreMatchesExactlyOneCharacter()
    {
        Assert.Equal(["Contoso"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Like, "C_ntoso"))));
        Assert.Empty(AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Like, "C_toso"))));
    }

    [Fact]
    public void Like_BracketsMatchACharacterSet()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Like, "[a-c]%")));

        Assert.Equal(["Adventure Works", "Café Über", "Contoso"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NotLike_ExcludesMatches()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.NotLike, "%o%")));

        Assert.Equal(["Café Über", "Fabrikam"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BeginsWith_MatchesThePrefix()
    {
        Assert.Equal(["Fabrikam"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.BeginsWith, "fab"))));
    }

    [Fact]
    public void DoesNotBeginWith_ExcludesThePrefix()
    {
        Assert.Equal(3, AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.DoesNotBeginWith, "fab"))).Count);
    }

    [Fact]
    public void EndsWith_MatchesTheSuffix()
    {
        Assert.Equal(["Adventure Works"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.EndsWith, "WORKS"))));
    }

    [Fact]
    public void DoesNotEndWith_ExcludesTheSuffix()
    {
        Assert.DoesNotContain("Adventure Works", AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.DoesNotEndWith, "works"))));
    }

    [Fact]
    public void Between_IncludesBothBounds()
    {
        var names = AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.Between, 10, 20)));

        Assert.Equal(["Contoso", "Fabrikam"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NotBetween_ExcludesTheRangeAndNulls()
    {
        Assert.Equal(["Adventure Works"], AccountNames(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.NotBetween, 10, 20))));
    }

    [Fact]
    public void Contains_FailsLoudly_BecauseItNeedsAFullTextIndex()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.Name, ConditionOperator.Contains, "oso")));

        Assert.Equal(NotSupported, fault.ErrorCode);
        Assert.Contains("full-text", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConditionOperator.Under)]
    [InlineData(ConditionOperator.UnderOrEqual)]
    [InlineData(ConditionOperator.Above)]
    public void HierarchyOperators_AreRefused_OnATableWithoutAHierarchicalRelationship(ConditionOperator op)
    {
        var fault = Fault(Accounts(new ConditionExpression(T.AccountId, op, Guid.NewGuid())));

        Assert.Equal(-2147220989, fault.ErrorCode);
        Assert.Contains("hierarch", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualUserId_FailsLoudly()
    {
        Assert.Equal(NotSupported, Fault(Accounts(new ConditionExpression(T.ParentAccountId, ConditionOperator.EqualUserId))).ErrorCode);
    }

    [Fact]
    public void Condition_OnUnknownColumn_FailsWithQueryBuilderNoAttribute()
    {
        var fault = Fault(Accounts(new ConditionExpression("nosuchcolumn", ConditionOperator.Equal, 1)));

        Assert.Equal(QueryBuilderNoAttribute, fault.ErrorCode);
        Assert.Equal("'account' entity doesn't contain attribute with Name = 'nosuchcolumn' and NameMapping = 'Logical'.", fault.Message);
    }

    [Fact]
    public void Equal_WithNullValue_FailsAndPointsToTheNullOperator()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.Name, ConditionOperator.Equal, (object?)null)));

        Assert.Equal(QueryBuilderInvalidValue, fault.ErrorCode);
        Assert.Contains("Use 'Null' or 'NotNull'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_WithValueOfTheWrongType_Fails()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.Equal, "many")));

        Assert.Equal(QueryBuilderInvalidValue, fault.ErrorCode);
        Assert.Contains("account.numberofemployees", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_WithOneValue_Fails()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.Between, 10)));

        Assert.Contains("The ConditonOperator.Between requires 2 value/s, not 1.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Like_OnANumberColumn_Fails()
    {
        Assert.Contains("text columns", Fault(Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.Like, "1%"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareColumns_ComparesTwoColumnsOfTheSameRow()
    {
        AddAccount("Same", (T.AccountNumber, "same"));
        AddAccount("Different", (T.AccountNumber, "other"));

        Assert.Equal(["Same"], AccountNames(Accounts(new ConditionExpression(T.Name, ConditionOperator.Equal, compareColumns: true, T.AccountNumber))));
    }
}
