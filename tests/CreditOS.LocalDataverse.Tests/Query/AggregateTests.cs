using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class AggregateTests : QueryTestBase
{
    private const int AggregateQueryRecordLimit = -2147164125;
    private readonly Entity _contoso;
    private readonly Entity _fabrikam;

    public AggregateTests()
    {
        _contoso = AddAccount("Contoso", (T.NumberOfEmployees, 10), (T.Score, 1.5m), (T.IndustryCode, new OptionSetValue(1)));
        _fabrikam = AddAccount("Fabrikam", (T.NumberOfEmployees, 15), (T.Score, 2.25m), (T.IndustryCode, new OptionSetValue(1)));
        AddAccount("Litware", (T.NumberOfEmployees, 15), (T.IndustryCode, new OptionSetValue(2)));
        AddAccount("Empty");
        AddReceivable(_contoso, 100m, Utc(2025, 12, 30));
        AddReceivable(_contoso, 250.5m, Utc(2026, 1, 15));
        AddReceivable(_fabrikam, 40m, Utc(2026, 2, 3));
    }

    private void AddReceivable(Entity account, decimal amount, DateTime due) =>
        Add(T.Receivable, (T.ReceivableAccountId, new EntityReference(T.Account, account.Id)), (T.Amount, new Money(amount)), (T.DueDate, due));

    private Entity Single(string fetchXml) => Fetch(fetchXml).Entities.Single();

    private static T1 Value<T1>(Entity entity, string alias) => (T1)Aliased(entity, alias)!;

    [Fact]
    public void Count_CountsRows_AsAnInt()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>");

        Assert.Equal(4, Value<int>(result, "n"));
    }

    [Fact]
    public void CountColumn_CountsNonNullValues()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='n' aggregate='countcolumn' /></entity></fetch>");

        Assert.Equal(3, Value<int>(result, "n"));
    }

    [Fact]
    public void CountColumn_WithDistinct_CountsDistinctValues()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='n' aggregate='countcolumn' distinct='true' /></entity></fetch>");

        Assert.Equal(2, Value<int>(result, "n"));
    }

    [Fact]
    public void SumOfMoney_IsMoney()
    {
        var result = Single("<fetch aggregate='true'><entity name='cos_receivable'><attribute name='cos_amount' alias='total' aggregate='sum' /></entity></fetch>");

        Assert.Equal(new Money(390.5m), Value<Money>(result, "total"));
    }

    [Fact]
    public void SumOfWholeNumbers_IsAnInt()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='total' aggregate='sum' /></entity></fetch>");

        Assert.Equal(40, Value<int>(result, "total"));
    }

    [Fact]
    public void AvgOfWholeNumbers_TruncatesToAnInt_AsSqlServerDoes()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='average' aggregate='avg' /></entity></fetch>");

        Assert.Equal(13, Value<int>(result, "average"));
    }

    [Fact]
    public void AvgOfDecimals_IsADecimal_IgnoringNulls()
    {
        var result = Single("<fetch aggregate='true'><entity name='account'><attribute name='cos_score' alias='average' aggregate='avg' /></entity></fetch>");

        Assert.Equal(1.875m, Value<decimal>(result, "average"));
    }

    [Fact]
    public void AvgOfMoney_IsMoney()
    {
        var result = Single("<fetch aggregate='true'><entity name='cos_receivable'><attribute name='cos_amount' alias='average' aggregate='avg' /></entity></fetch>");

        Assert.Equal(390.5m / 3, Value<Money>(result, "average").Value);
    }

    [Fact]
    public void SumAndAvgOfFloatingPoint_AreDoubles()
    {
        AddAccount("Ratio A", (T.Ratio, 0.5));
        AddAccount("Ratio B", (T.Ratio, 1.25));

        var result = Single("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='cos_ratio' alias='total' aggregate='sum' />
              <attribute name='cos_ratio' alias='average' aggregate='avg' />
              <attribute name='cos_ratio' alias='largest' aggregate='max' />
            </entity></fetch>
            """);

        Assert.Equal(1.75, Value<double>(result, "total"));
        Assert.Equal(0.875, Value<double>(result, "average"));
        Assert.Equal(1.25, Value<double>(result, "largest"));
    }

    [Fact]
    public void MinAndMax_KeepTheColumnsType()
    {
        var result = Single("""
            <fetch aggregate='true'><entity name='cos_receivable'>
              <attribute name='cos_amount' alias='smallest' aggregate='min' />
              <attribute name='cos_amount' alias='largest' aggregate='max' />
              <attribute name='cos_duedate' alias='latest' aggregate='max' />
            </entity></fetch>
            """);

        Assert.Equal(new Money(40m), Value<Money>(result, "smallest"));
        Assert.Equal(new Money(250.5m), Value<Money>(result, "largest"));
        Assert.Equal(Utc(2026, 2, 3), Value<DateTime>(result, "latest"));
    }

    [Fact]
    public void SumOverNoRows_IsZero_AndCountIsZero()
    {
        var result = Single("""
            <fetch aggregate='true'><entity name='cos_receivable'>
              <attribute name='cos_amount' alias='total' aggregate='sum' />
              <attribute name='cos_receivableid' alias='n' aggregate='count' />
              <filter><condition attribute='cos_amount' operator='gt' value='1000000' /></filter>
            </entity></fetch>
            """);

        Assert.Equal(new Money(0m), Value<Money>(result, "total"));
        Assert.Equal(0, Value<int>(result, "n"));
    }

    [Fact]
    public void GroupBy_AggregatesPerGroup_WithTheGroupValueAsStored()
    {
        var rows = Fetch("""
            <fetch aggregate='true'><entity name='cos_receivable'>
              <attribute name='cos_accountid' alias='account' groupby='true' />
              <attribute name='cos_amount' alias='total' aggregate='sum' />
              <order alias='total' descending='true' />
            </entity></fetch>
            """).Entities;

        Assert.Equal(2, rows.Count);
        Assert.Equal(_contoso.Id, Value<EntityReference>(rows[0], "account").Id);
        Assert.Equal("Contoso", Value<EntityReference>(rows[0], "account").Name);
        Assert.Equal(new Money(350.5m), Value<Money>(rows[0], "total"));
        Assert.Equal(new Money(40m), Value<Money>(rows[1], "total"));
    }

    [Fact]
    public void GroupBy_OnSeveralColumns_GroupsByTheirCombination()
    {
        var rows = Fetch("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='industrycode' alias='industry' groupby='true' />
              <attribute name='numberofemployees' alias='size' groupby='true' />
              <attribute name='accountid' alias='n' aggregate='count' />
              <filter><condition attribute='industrycode' operator='not-null' /></filter>
              <order alias='size' />
            </entity></fetch>
            """).Entities;

        Assert.Equal([(1, 10, 1), (1, 15, 1), (2, 15, 1)],
            rows.Select(row => (Value<OptionSetValue>(row, "industry").Value, Value<int>(row, "size"), Value<int>(row, "n"))).Order());
    }

    [Fact]
    public void DateGrouping_GroupsByYearMonthQuarterWeekAndDay()
    {
        var rows = Fetch("""
            <fetch aggregate='true'><entity name='cos_receivable'>
              <attribute name='cos_duedate' alias='year' groupby='true' dategrouping='year' />
              <attribute name='cos_duedate' alias='quarter' groupby='true' dategrouping='quarter' />
              <attribute name='cos_duedate' alias='month' groupby='true' dategrouping='month' />
              <attribute name='cos_duedate' alias='week' groupby='true' dategrouping='week' />
              <attribute name='cos_duedate' alias='day' groupby='true' dategrouping='day' />
              <attribute name='cos_amount' alias='total' aggregate='sum' />
              <order alias='year' />
              <order alias='month' />
            </entity></fetch>
            """).Entities;

        var parts = rows.Select(row => (Value<int>(row, "year"), Value<int>(row, "quarter"), Value<int>(row, "month"), Value<int>(row, "week"), Value<int>(row, "day"))).ToList();
        Assert.Equal([(2025, 4, 12, 53, 30), (2026, 1, 1, 3, 15), (2026, 1, 2, 6, 3)], parts);
    }

    [Fact]
    public void Aggregate_OverLinkedRows_UsesTheLinkEntityAttributes()
    {
        var rows = Fetch("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='name' alias='account' groupby='true' />
              <link-entity name='cos_receivable' from='cos_accountid' to='accountid'>
                <attribute name='cos_amount' alias='open' aggregate='sum' />
              </link-entity>
              <order alias='account' />
            </entity></fetch>
            """).Entities;

        Assert.Equal(["Contoso", "Fabrikam"], rows.Select(row => Value<string>(row, "account")));
        Assert.Equal(new Money(350.5m), Value<Money>(rows[0], "open"));
    }

    [Fact]
    public void Aggregate_OnlyInALinkEntity_ReturnsNoEntityColumns()
    {
        var result = Single("""
            <fetch aggregate='true'><entity name='account'>
              <link-entity name='cos_receivable' from='cos_accountid' to='accountid'>
                <attribute name='cos_amount' alias='open' aggregate='max' />
              </link-entity>
            </entity></fetch>
            """);

        Assert.Equal(["open"], result.Attributes.Select(attribute => attribute.Key));
        Assert.Equal(new Money(250.5m), Value<Money>(result, "open"));
    }

    [Fact]
    public void MoreThanFiftyThousandRows_BehindAnAggregate_Fails()
    {
        AddContacts(50_001);

        var fault = Fault(new FetchExpression(CountContacts(string.Empty)));

        Assert.Equal(AggregateQueryRecordLimit, fault.ErrorCode);
        Assert.Equal("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", fault.Message);
    }

    [Fact]
    public void FiftyThousandRows_BehindAnAggregate_AreAllowed()
    {
        AddContacts(50_000);

        Assert.Equal(50_000, Value<int>(Single(CountContacts(string.Empty)), "n"));
    }

    [Fact]
    public void AggregateRecordLimit_CountsRowsAfterFiltering()
    {
        AddContacts(50_001);
        Add(T.Contact, (T.FullName, "Needle"));

        Assert.Equal(1, Value<int>(Single(CountContacts("<filter><condition attribute='fullname' operator='eq' value='Needle' /></filter>")), "n"));
    }

    [Fact]
    public void AggregateLimitAttribute_LowersTheLimit()
    {
        var fault = Fault(new FetchExpression("<fetch aggregate='true' aggregatelimit='3'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>"));

        Assert.Equal(AggregateQueryRecordLimit, fault.ErrorCode);
    }

    [Fact]
    public void AggregateAttribute_WithoutAlias_Fails()
    {
        var fault = Fault(new FetchExpression("<fetch aggregate='true'><entity name='account'><attribute name='accountid' aggregate='count' /></entity></fetch>"));

        Assert.Equal(-2147217141, fault.ErrorCode);
    }

    [Fact]
    public void PlainAttribute_InAnAggregateQuery_Fails()
    {
        var fault = Fault(new FetchExpression("<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' /></entity></fetch>"));

        Assert.Equal(-2147217145, fault.ErrorCode);
    }

    [Fact]
    public void AggregateAttribute_WithoutAggregateFetch_Fails()
    {
        var fault = Fault(new FetchExpression("<fetch><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>"));

        Assert.Contains("aggregate='true'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SumOfText_Fails()
    {
        var fault = Fault(new FetchExpression("<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='sum' /></entity></fetch>"));

        Assert.Equal(-2147217105, fault.ErrorCode); // QueryBuilderInvalidAggregateAttribute 0x8004112F since round 10
    }

    [Fact]
    public void UnknownAggregate_Fails()
    {
        Assert.Equal(-2147217126, Fault(new FetchExpression("<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='median' /></entity></fetch>")).ErrorCode);
    }

    [Fact]
    public void FiscalDateGrouping_FailsLoudly()
    {
        var fault = Fault(new FetchExpression("<fetch aggregate='true'><entity name='cos_receivable'><attribute name='cos_duedate' alias='p' groupby='true' dategrouping='fiscal-period' /></entity></fetch>"));

        Assert.Equal(-2147220715, fault.ErrorCode);
    }

    private void AddContacts(int count)
    {
        for (var index = 0; index < count; index++)
        {
            Add(T.Contact, (T.FullName, "Bulk"));
        }
    }

    private static string CountContacts(string filter) =>
        $"<fetch aggregate='true'><entity name='contact'><attribute name='contactid' alias='n' aggregate='count' />{filter}</entity></fetch>";
}
