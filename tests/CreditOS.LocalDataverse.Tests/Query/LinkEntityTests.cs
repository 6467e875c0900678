using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class LinkEntityTests : QueryTestBase
{
    private readonly Entity _contoso;
    private readonly Entity _fabrikam;

    public LinkEntityTests()
    {
        var maria = Add(T.Contact, (T.FullName, "Maria Campbell"), (T.Email, "maria@contoso.com"));
        _contoso = AddAccount("Contoso", (T.PrimaryContactId, new EntityReference(T.Contact, maria.Id)));
        _fabrikam = AddAccount("Fabrikam");
        Add(T.Receivable, (T.ReceivableName, "INV-1"), (T.ReceivableAccountId, new EntityReference(T.Account, _contoso.Id)), (T.Amount, new Money(100m)));
        Add(T.Receivable, (T.ReceivableName, "INV-2"), (T.ReceivableAccountId, new EntityReference(T.Account, _contoso.Id)), (T.Amount, new Money(250m)));
    }

    private static QueryExpression AccountsWithContact(JoinOperator join, string? alias = "pc")
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        var link = query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, join);
        link.EntityAlias = alias;
        link.Columns = new ColumnSet(T.FullName, T.Email);
        return query;
    }

    [Fact]
    public void InnerJoin_DropsRowsWithoutAMatch()
    {
        Assert.Equal(["Contoso"], AccountNames(AccountsWithContact(JoinOperator.Inner)));
        Assert.Null(_fabrikam.GetAttributeValue<EntityReference>(T.PrimaryContactId));
    }

    [Fact]
    public void LeftOuterJoin_KeepsRowsWithoutAMatch()
    {
        Assert.Equal(["Contoso", "Fabrikam"], SortedNames(Retrieve(AccountsWithContact(JoinOperator.LeftOuter))));
    }

    [Fact]
    public void LinkedColumns_ComeBackAsAliasedValuesUnderAliasDotColumn()
    {
        var contoso = Retrieve(AccountsWithContact(JoinOperator.Inner)).Entities.Single();

        var fullName = contoso.GetAttributeValue<AliasedValue>("pc.fullname");
        Assert.Equal("Maria Campbell", fullName.Value);
        Assert.Equal(T.Contact, fullName.EntityLogicalName);
        Assert.Equal(T.FullName, fullName.AttributeLogicalName);
        Assert.Equal("maria@contoso.com", Aliased(contoso, "pc.emailaddress1"));
    }

    [Fact]
    public void ManyToOneLink_WithoutAlias_IsNamedAfterTheLinkedTable()
    {
        var contoso = Retrieve(AccountsWithContact(JoinOperator.Inner, alias: null)).Entities.Single();

        Assert.Equal("Maria Campbell", Aliased(contoso, "contact.fullname"));
    }

    [Fact]
    public void OneToManyLink_WithoutAlias_IsNamedAfterTheTableAndItsCount()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId).Columns = new ColumnSet(T.ReceivableName);

        var rows = Retrieve(query).Entities;

        Assert.Equal(["INV-1", "INV-2"], rows.Select(row => (string)Aliased(row, "cos_receivable1.cos_name")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OneToManyLink_ReturnsOneRowPerMatch()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId);

        Assert.Equal(["Contoso", "Contoso"], AccountNames(query));
    }

    [Fact]
    public void LinkCriteria_OnAnOuterJoin_FilterTheJoinNotTheRows()
    {
        var query = AccountsWithContact(JoinOperator.LeftOuter);
        query.LinkEntities[0].LinkCriteria.AddCondition(T.FullName, ConditionOperator.Equal, "Somebody else");

        var rows = Retrieve(query).Entities;

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.False(row.Contains("pc.fullname")));
    }

    [Fact]
    public void ConditionWithEntityName_AfterAnOuterJoin_FiltersTheRows()
    {
        var query = AccountsWithContact(JoinOperator.LeftOuter);
        query.Criteria.AddCondition("pc", T.ContactId, ConditionOperator.Null);

        Assert.Equal(["Fabrikam"], AccountNames(query));
    }

    [Fact]
    public void ConditionWithEntityName_CanNameTheLinkedTableWhenThereIsNoAlias()
    {
        var query = AccountsWithContact(JoinOperator.LeftOuter, alias: null);
        query.Criteria.AddCondition(T.Contact, T.FullName, ConditionOperator.BeginsWith, "Maria");

        Assert.Equal(["Contoso"], AccountNames(query));
    }

    [Fact]
    public void NestedLinks_JoinThroughTheParentLink()
    {
        var query = new QueryExpression(T.Receivable) { ColumnSet = new ColumnSet(T.ReceivableName) };
        var account = query.AddLink(T.Account, T.ReceivableAccountId, T.AccountId);
        account.EntityAlias = "a";
        var contact = account.AddLink(T.Contact, T.PrimaryContactId, T.ContactId);
        contact.EntityAlias = "c";
        contact.Columns = new ColumnSet(T.FullName);

        var rows = Retrieve(query).Entities;

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("Maria Campbell", Aliased(row, "c.fullname")));
    }

    [Fact]
    public void InnerLinkUnderAnOuterLink_DropsRowsTheOuterLinkMissed_AsDataverseSqlDoes()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        var contact = query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, JoinOperator.LeftOuter);
        contact.AddLink(T.Account, T.ParentCustomerId, T.AccountId, JoinOperator.Inner);

        Assert.Empty(AccountNames(query));
    }

    [Fact]
    public void MoreThanFifteenLinkEntities_Fail()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        for (var index = 0; index < 16; index++)
        {
            query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, JoinOperator.LeftOuter).EntityAlias = $"c{index}";
        }

        var fault = Fault(query);

        Assert.Equal(-2147204339, fault.ErrorCode);
        Assert.Equal("Number of link entities in query exceeded maximum limit.", fault.Message);
    }

    [Fact]
    public void FifteenLinkEntities_AreAllowed()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        for (var index = 0; index < 15; index++)
        {
            query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, JoinOperator.LeftOuter).EntityAlias = $"c{index}";
        }

        Assert.Equal(2, AccountNames(query).Count);
    }

    [Theory]
    [InlineData(JoinOperator.Exists)]
    [InlineData(JoinOperator.In)]
    [InlineData(JoinOperator.Any)]
    public void ExistsJoin_KeepsEachParentWithAMatchOnce(JoinOperator join)
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId, join);

        var rows = Retrieve(query).Entities;

        Assert.Equal("Contoso", rows.Single().GetAttributeValue<string>(T.Name));
        Assert.Equal([T.AccountId, T.Name], rows.Single().Attributes.Select(attribute => attribute.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExistsJoin_AppliesTheLinkCriteria()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId, JoinOperator.Exists)
            .LinkCriteria.AddCondition(T.Amount, ConditionOperator.GreaterThan, 1000m);

        Assert.Empty(AccountNames(query));
    }

    [Fact]
    public void NotAnyJoin_KeepsParentsWithoutAMatch()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId, JoinOperator.NotAny)
            .LinkCriteria.AddCondition(T.Amount, ConditionOperator.GreaterThan, 200m);

        Assert.Equal(["Fabrikam"], AccountNames(query));
    }

    [Fact]
    public void ExistsJoin_WithColumns_FailsLoudly()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId, JoinOperator.Exists).Columns = new ColumnSet(T.Amount);

        Assert.Equal(-2147220715, Fault(query).ErrorCode);
    }

    [Fact]
    public void FetchXmlExistsLink_FiltersTheParentRows()
    {
        var result = Fetch("""
            <fetch><entity name='account'><attribute name='name' />
              <link-entity name='cos_receivable' from='cos_accountid' to='accountid' link-type='exists'>
                <filter><condition attribute='cos_amount' operator='lt' value='200' /></filter>
              </link-entity>
            </entity></fetch>
            """);

        Assert.Equal(["Contoso"], Names(result));
    }

    [Fact]
    public void UnsupportedJoinOperator_FailsLoudly()
    {
        var fault = Fault(AccountsWithContact(JoinOperator.All));

        Assert.Equal(-2147220715, fault.ErrorCode);
        Assert.Contains("All", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkToUnknownTable_FailsWithQueryBuilderNoEntity()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink("nosuchtable", T.AccountId, "x");

        var fault = Fault(query);

        Assert.Equal(-2147217150, fault.ErrorCode);
        Assert.Contains("'nosuchtable'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkOnUnknownColumn_FailsWithQueryBuilderNoAttribute()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddLink(T.Contact, "nosuchcolumn", T.ContactId);

        Assert.Equal(-2147217149, Fault(query).ErrorCode);
    }

    [Fact]
    public void ConditionOnUnknownAlias_Fails()
    {
        var query = AccountsWithContact(JoinOperator.Inner);
        query.Criteria.AddCondition("nosuchalias", T.FullName, ConditionOperator.Null);

        Assert.Equal(-2147217142, Fault(query).ErrorCode);
    }

    [Fact]
    public void JoinOnAnIndexedLookup_SeeksInsteadOfScanningTheLinkedTable()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.Criteria.AddCondition(T.AccountId, ConditionOperator.Equal, _contoso.Id);
        query.AddLink(T.Receivable, T.AccountId, T.ReceivableAccountId);

        var result = Engine.Execute(query);

        Assert.Equal(2, result.Entities.Entities.Count);
        Assert.Equal(0, Rows.Scans);
        Assert.Equal(3, result.RowsExamined);
    }

    [Fact]
    public void ReturnedLookups_CarryTheReferencedRowsPrimaryName()
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.PrimaryContactId) };
        query.Criteria.AddCondition(T.AccountId, ConditionOperator.Equal, _contoso.Id);

        var reference = Retrieve(query).Entities.Single().GetAttributeValue<EntityReference>(T.PrimaryContactId);

        Assert.Equal("Maria Campbell", reference.Name);
        Assert.Null(_contoso.GetAttributeValue<EntityReference>(T.PrimaryContactId).Name);
    }
}
