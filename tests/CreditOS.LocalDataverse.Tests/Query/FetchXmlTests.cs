using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class FetchXmlTests : QueryTestBase
{
    private const int InvalidXml = -2147220991;
    private const int InvalidNode = -2147217124;
    private const int NotSupported = -2147220715;

    public FetchXmlTests()
    {
        var maria = Add(T.Contact, (T.FullName, "Maria Campbell"));
        var contoso = AddAccount("Contoso", (T.NumberOfEmployees, 10), (T.PrimaryContactId, new EntityReference(T.Contact, maria.Id)), (T.CreatedOn, Utc(2026, 3, 1)));
        AddAccount("Fabrikam", (T.NumberOfEmployees, 20), (T.CreatedOn, Utc(2026, 3, 10)));
        AddAccount("Litware", (T.NumberOfEmployees, 30));
        Add(T.Receivable, (T.ReceivableName, "INV-1"), (T.ReceivableAccountId, new EntityReference(T.Account, contoso.Id)));
    }

    private OrganizationServiceFault FetchFault(string fetchXml) => Fault(new FetchExpression(fetchXml));

    [Fact]
    public void Entity_WithAttributesAndFilter_ReturnsMatchingRows()
    {
        var result = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <filter type='and'>
                  <condition attribute='numberofemployees' operator='ge' value='20' />
                </filter>
                <order attribute='name' descending='true' />
              </entity>
            </fetch>
            """);

        Assert.Equal(["Litware", "Fabrikam"], Names(result));
        Assert.False(result.Entities[0].Contains(T.NumberOfEmployees));
    }

    [Fact]
    public void Entity_WithoutAttributes_ReturnsAllColumns()
    {
        var contoso = Fetch("<fetch><entity name='account'><filter><condition attribute='name' operator='eq' value='Contoso' /></filter></entity></fetch>").Entities.Single();

        Assert.Equal(10, contoso[T.NumberOfEmployees]);
        Assert.Equal("Contoso", contoso[T.Name]);
    }

    [Fact]
    public void AllAttributes_ReturnsAllColumns()
    {
        var contoso = Fetch("<fetch top='1'><entity name='account'><all-attributes /><order attribute='name' /></entity></fetch>").Entities.Single();

        Assert.Equal(10, contoso[T.NumberOfEmployees]);
    }

    [Fact]
    public void NestedFilters_AndOrCombine()
    {
        var result = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <filter type='or'>
                  <condition attribute='name' operator='eq' value='Litware' />
                  <filter type='and'>
                    <condition attribute='numberofemployees' operator='lt' value='15' />
                    <condition attribute='name' operator='like' value='c%' />
                  </filter>
                </filter>
              </entity>
            </fetch>
            """);

        Assert.Equal(["Contoso", "Litware"], SortedNames(result));
    }

    [Fact]
    public void InCondition_TakesValueElements()
    {
        var result = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <filter><condition attribute='numberofemployees' operator='in'><value>10</value><value>30</value></condition></filter>
            </entity></fetch>
            """);

        Assert.Equal(["Contoso", "Litware"], SortedNames(result));
    }

    [Fact]
    public void BetweenCondition_TakesTwoValueElements()
    {
        var result = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <filter><condition attribute='numberofemployees' operator='between'><value>15</value><value>30</value></condition></filter>
            </entity></fetch>
            """);

        Assert.Equal(["Fabrikam", "Litware"], SortedNames(result));
    }

    [Fact]
    public void DateConditions_ParseIsoDates()
    {
        var result = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <filter><condition attribute='createdon' operator='on-or-after' value='2026-03-05' /></filter>
            </entity></fetch>
            """);

        Assert.Equal(["Fabrikam"], Names(result));
    }

    [Fact]
    public void RelativeDateConditions_UseTheClock()
    {
        var result = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <filter><condition attribute='createdon' operator='last-x-days' value='10' /></filter>
            </entity></fetch>
            """);

        Assert.Equal(["Fabrikam"], Names(result));
    }

    [Fact]
    public void LinkEntity_JoinsWithAliasAndAttributes()
    {
        var contoso = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <link-entity name='contact' from='contactid' to='primarycontactid' alias='pc' link-type='inner'>
                  <attribute name='fullname' />
                  <attribute name='fullname' alias='contactname' />
                </link-entity>
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.Equal("Maria Campbell", Aliased(contoso, "pc.fullname"));
        Assert.Equal("Maria Campbell", Aliased(contoso, "contactname"));
    }

    [Fact]
    public void OuterLinkEntity_WithEntityNameCondition_FindsRowsWithoutMatch()
    {
        var result = Fetch("""
            <fetch>
              <entity name='account'>
                <attribute name='name' />
                <link-entity name='cos_receivable' from='cos_accountid' to='accountid' alias='r' link-type='outer' />
                <filter><condition entityname='r' attribute='cos_receivableid' operator='null' /></filter>
              </entity>
            </fetch>
            """);

        Assert.Equal(["Fabrikam", "Litware"], SortedNames(result));
    }

    [Fact]
    public void LinkEntity_WithoutAttributes_AddsNoColumns()
    {
        var contoso = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <link-entity name='contact' from='contactid' to='primarycontactid' /></entity></fetch>
            """).Entities.Single();

        Assert.Equal([T.AccountId, T.Name], contoso.Attributes.Select(attribute => attribute.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AttributeAlias_OnTheEntity_ReturnsAnAliasedValue()
    {
        var contoso = Fetch("<fetch top='1'><entity name='account'><attribute name='name' alias='customer' /><order attribute='name' /></entity></fetch>").Entities.Single();

        Assert.Equal("Contoso", Aliased(contoso, "customer"));
        Assert.False(contoso.Contains(T.Name));
    }

    [Fact]
    public void TopAttribute_LimitsTheRows()
    {
        Assert.Equal(["Contoso", "Fabrikam"], Names(Fetch("<fetch top='2'><entity name='account'><attribute name='name' /><order attribute='name' /></entity></fetch>")));
    }

    [Fact]
    public void TopWithCount_Fails()
    {
        Assert.Contains("top count cannot be used together with paging",
            FetchFault("<fetch top='2' count='2'><entity name='account' /></fetch>").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountAndPage_PageThroughTheRows_WithAPagingCookie()
    {
        const string template = "<fetch count='2' page='{0}'{1}><entity name='account'><attribute name='name' /><order attribute='name' /></entity></fetch>";
        var first = Fetch(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 1, string.Empty));
        var cookie = new System.Xml.Linq.XAttribute("paging-cookie", first.PagingCookie).ToString();

        var second = Fetch(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 2, " " + cookie));

        Assert.Equal(["Contoso", "Fabrikam"], Names(first));
        Assert.True(first.MoreRecords);
        Assert.Equal(["Litware"], Names(second));
        Assert.False(second.MoreRecords);
    }

    [Fact]
    public void ReturnTotalRecordCount_IsHonoured()
    {
        Assert.Equal(3, Fetch("<fetch count='1' page='1' returntotalrecordcount='true'><entity name='account' /></fetch>").TotalRecordCount);
    }

    [Fact]
    public void Distinct_IsHonoured()
    {
        AddAccount("Contoso", (T.NumberOfEmployees, 99));

        Assert.Equal(["Contoso", "Fabrikam", "Litware"], Names(Fetch("<fetch distinct='true'><entity name='account'><attribute name='name' /><order attribute='name' /></entity></fetch>")));
    }

    [Fact]
    public void ValueOf_ComparesAcrossALinkedTable()
    {
        AddAccount("Maria Campbell");
        var result = Fetch("""
            <fetch>
              <entity name='contact'>
                <attribute name='fullname' />
                <link-entity name='account' from='name' to='fullname' alias='a' link-type='outer' />
                <filter><condition attribute='fullname' operator='eq' valueof='a.name' /></filter>
              </entity>
            </fetch>
            """);

        Assert.Equal(["Maria Campbell"], Names(result, T.FullName));
    }

    [Fact]
    public void MalformedXml_FailsWithInvalidXml()
    {
        var fault = FetchFault("<fetch><entity name='account'></fetch>");

        Assert.Equal(InvalidXml, fault.ErrorCode);
        Assert.Contains("not well-formed", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyQuery_FailsWithInvalidXml()
    {
        Assert.Equal(InvalidXml, FetchFault("  ").ErrorCode);
    }

    [Fact]
    public void UnknownElement_Fails()
    {
        var fault = FetchFault("<fetch><entity name='account'><colour name='red' /></entity></fetch>");

        Assert.Equal(InvalidNode, fault.ErrorCode);
        Assert.Contains("'colour'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAttribute_Fails()
    {
        var fault = FetchFault("<fetch><entity name='account'><attribute name='name' colour='red' /></entity></fetch>");

        Assert.Equal(InvalidNode, fault.ErrorCode);
        Assert.Contains("'colour'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootOtherThanFetch_Fails()
    {
        Assert.Equal(InvalidNode, FetchFault("<query><entity name='account' /></query>").ErrorCode);
    }

    [Fact]
    public void TwoEntities_Fail()
    {
        Assert.Equal(InvalidNode, FetchFault("<fetch><entity name='account' /><entity name='contact' /></fetch>").ErrorCode);
    }

    [Fact]
    public void UnknownOperator_FailsWithInvalidConditionOperator()
    {
        var fault = FetchFault("<fetch><entity name='account'><filter><condition attribute='name' operator='sounds-like' value='x' /></filter></entity></fetch>");

        Assert.Equal(-2147217120, fault.ErrorCode);
    }

    [Fact]
    public void UnknownFilterType_Fails()
    {
        Assert.Equal(-2147217118, FetchFault("<fetch><entity name='account'><filter type='xor' /></entity></fetch>").ErrorCode);
    }

    [Fact]
    public void UnsupportedLinkType_FailsLoudly()
    {
        var fault = FetchFault("<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' link-type='matchfirstrowusingcrossapply' /></entity></fetch>");

        Assert.Equal(NotSupported, fault.ErrorCode);
    }

    [Fact]
    public void UnknownLinkType_FailsWithInvalidLinkType()
    {
        Assert.Equal(-2147217129, FetchFault("<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' link-type='sideways' /></entity></fetch>").ErrorCode);
    }

    [Fact]
    public void AnInnerLinkEntityInsideAFilter_FailsLoudly()
    {
        // Inside a filter only the filter link types (any, not any, all, not all) are implemented (Probes/FilterLinkTypeProbes).
        var fault = FetchFault("""
            <fetch><entity name='account'><filter>
              <link-entity name='contact' from='contactid' to='primarycontactid' link-type='inner' />
            </filter></entity></fetch>
            """);

        Assert.Equal(NotSupported, fault.ErrorCode);
    }

    [Fact]
    public void NonNumericCount_Fails()
    {
        Assert.Contains("whole number", FetchFault("<fetch count='many'><entity name='account' /></fetch>").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionWithoutOperator_Fails()
    {
        Assert.Contains("'operator'", FetchFault("<fetch><entity name='account'><filter><condition attribute='name' value='x' /></filter></entity></fetch>").Message, StringComparison.Ordinal);
    }
}
