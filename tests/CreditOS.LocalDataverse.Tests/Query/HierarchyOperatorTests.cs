using CreditOS.LocalDataverse.Tests.Query.Support;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// The hierarchy operators over account_parent_account (Query hierarchical data): Holding → Europe → Paris, Lyon;
/// Holding → America; Solo stands alone.
/// </summary>
public sealed class HierarchyOperatorTests : QueryTestBase
{
    private const int InvalidArgument = -2147220989;
    private const int NotSupported = -2147220715;
    private const int AccountLoopExists = unchecked((int)0x80040506);

    private readonly Entity _holding;
    private readonly Entity _europe;
    private readonly Entity _paris;

    public HierarchyOperatorTests()
        : base(new MetadataCatalog(TestCatalog.Create().Tables, [AccountHierarchy]))
    {
        _holding = AddAccount("Holding");
        _europe = AddAccount("Europe", Parent(_holding));
        _paris = AddAccount("Paris", Parent(_europe), (T.CreditLimit, new Money(100m)));
        AddAccount("Lyon", Parent(_europe));
        AddAccount("America", Parent(_holding));
        AddAccount("Solo");
    }

    private static RelationshipDefinition AccountHierarchy => new()
    {
        SchemaName = "account_parent_account",
        Type = RelationshipType.OneToMany,
        ReferencedTable = T.Account,
        ReferencingTable = T.Account,
        ReferencingAttribute = T.ParentAccountId,
        IsHierarchical = true,
    };

    private static (string, object?) Parent(Entity parent) => (T.ParentAccountId, new EntityReference(T.Account, parent.Id));

    private List<string> Matching(ConditionOperator op, Entity root) =>
        SortedNames(Retrieve(Accounts(new ConditionExpression(T.AccountId, op, root.Id))));

    [Fact]
    public void Under_ReturnsEveryDescendant_AtAnyDepth_WithoutTheRecord()
    {
        Assert.Equal(["America", "Europe", "Lyon", "Paris"], Matching(ConditionOperator.Under, _holding));
    }

    [Fact]
    public void EqOrUnder_AddsTheRecordItself()
    {
        Assert.Equal(["Europe", "Lyon", "Paris"], Matching(ConditionOperator.UnderOrEqual, _europe));
    }

    [Fact]
    public void NotUnder_ReturnsEveryRecordNotBelow_TheRecordItselfIncluded()
    {
        Assert.Equal(["America", "Europe", "Holding", "Solo"], Matching(ConditionOperator.NotUnder, _europe));
    }

    [Fact]
    public void Above_ReturnsTheAncestryLine_WithoutTheRecord()
    {
        Assert.Equal(["Europe", "Holding"], Matching(ConditionOperator.Above, _paris));
    }

    [Fact]
    public void EqOrAbove_AddsTheRecordItself_AndATopRecordHasOnlyItself()
    {
        Assert.Equal(["Europe", "Holding", "Paris"], Matching(ConditionOperator.AboveOrEqual, _paris));
        Assert.Equal(["Holding"], Matching(ConditionOperator.AboveOrEqual, _holding));
    }

    [Fact]
    public void FetchXml_UnderInAnAggregate_SumsTheWholeSubtree()
    {
        var result = Fetch($"""
            <fetch aggregate='true'>
              <entity name='account'>
                <attribute name='creditlimit' aggregate='sum' alias='total' />
                <attribute name='accountid' aggregate='count' alias='members' />
                <filter><condition attribute='accountid' operator='eq-or-under' value='{_holding.Id}' /></filter>
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.Equal(5, Aliased(result, "members"));
        Assert.Equal(100m, ((Money)Aliased(result, "total")!).Value);
    }

    [Fact]
    public void FetchXml_Above_IsParsed()
    {
        var result = Fetch($"<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='accountid' operator='above' value='{_paris.Id}' /></filter></entity></fetch>");

        Assert.Equal(["Europe", "Holding"], SortedNames(result));
    }

    [Fact]
    public void OnAColumnOtherThanThePrimaryKey_IsRefused()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.ParentAccountId, ConditionOperator.Under, _holding.Id)));

        Assert.Equal(InvalidArgument, fault.ErrorCode);
        Assert.Contains("primary key", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTwoValues_IsRefused()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Under, _holding.Id, _europe.Id)));

        Assert.Equal(InvalidArgument, fault.ErrorCode);
    }

    [Fact]
    public void DeeperThanTheHundredRecursionLimit_FailsLoudly()
    {
        var top = AddAccount("Level 0");
        var current = top;
        for (var level = 1; level <= 101; level++)
        {
            current = AddAccount("Level " + level, Parent(current));
        }

        Assert.Equal(NotSupported, Fault(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Under, top.Id))).ErrorCode);
        Assert.Equal(NotSupported, Fault(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Above, current.Id))).ErrorCode);
    }

    [Fact]
    public void ALoopInStoredRows_IsReportedAsDataverseReportsIt()
    {
        var first = new Entity(T.Account, Guid.NewGuid()) { [T.Name] = "Loop A" };
        var second = new Entity(T.Account, Guid.NewGuid()) { [T.Name] = "Loop B" };
        first[T.ParentAccountId] = second.ToEntityReference();
        second[T.ParentAccountId] = first.ToEntityReference();
        Rows.Add(first);
        Rows.Add(second);

        Assert.Equal(AccountLoopExists, Fault(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Above, second.Id))).ErrorCode);
        Assert.Equal(AccountLoopExists, Fault(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Under, second.Id))).ErrorCode);
    }
}
