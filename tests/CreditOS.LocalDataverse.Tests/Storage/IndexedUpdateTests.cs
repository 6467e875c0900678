using System.ServiceModel;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Storage;

/// <summary>
/// A committed update moves the row only in the indexes whose key it changed (session 25: taking the row out of every
/// lookup and alternate-key index and putting it back was most of a committed update's cost). What the indexes answer
/// must not change: seeks on a lookup, the text index's collation-folded seek and the alternate key's uniqueness see the
/// row under its current values only, after updates that leave a key alone, change it, or change only its case.
/// </summary>
public sealed class IndexedUpdateTests
{
    [Fact]
    public void UpdatesThatKeepOrChangeIndexedColumns_LeaveTheRowUnderItsCurrentKeysOnly()
    {
        using var env = TestEnvironment.Create();
        var first = env.Service.Create(Rows.Account("First parent"));
        var second = env.Service.Create(Rows.Account("Second parent"));
        var child = Rows.Account("Child");
        child["accountnumber"] = "K-1";
        child["parentaccountid"] = new EntityReference("account", first);
        var childId = env.Service.Create(child);

        // An update of an unindexed column: the row stays under its parent and its key.
        env.Service.Update(new Entity("account", childId) { ["name"] = "Child renamed" });
        Assert.Equal([childId], ChildrenOf(env, first));
        Assert.Equal([childId], WithNumber(env, "k-1 "));
        AssertKeyTaken(env, "K-1");

        // The lookup changes: the row leaves the first parent's entry and joins the second's.
        env.Service.Update(new Entity("account", childId) { ["parentaccountid"] = new EntityReference("account", second) });
        Assert.Empty(ChildrenOf(env, first));
        Assert.Equal([childId], ChildrenOf(env, second));

        // Only the key's case changes: still found by either case, still unique.
        env.Service.Update(new Entity("account", childId) { ["accountnumber"] = "k-1" });
        Assert.Equal([childId], WithNumber(env, "K-1"));
        AssertKeyTaken(env, "K-1");

        // The key changes: the old value is free for another row, the new one is taken.
        env.Service.Update(new Entity("account", childId) { ["accountnumber"] = "K-2" });
        Assert.Empty(WithNumber(env, "K-1"));
        Assert.Equal([childId], WithNumber(env, "K-2"));
        var other = Rows.Account("Other");
        other["accountnumber"] = "K-1";
        var otherId = env.Service.Create(other);
        Assert.Equal([otherId], WithNumber(env, "K-1"));
        AssertKeyTaken(env, "K-2");

        // The lookup cleared: the row is under no parent.
        env.Service.Update(new Entity("account", childId) { ["parentaccountid"] = null });
        Assert.Empty(ChildrenOf(env, second));
    }

    private static List<Guid> ChildrenOf(DataverseTestContext env, Guid parent) => Ids(env, "parentaccountid", parent);

    private static List<Guid> WithNumber(DataverseTestContext env, string number) => Ids(env, "accountnumber", number);

    private static List<Guid> Ids(DataverseTestContext env, string column, object value)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("accountid") };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return env.Service.RetrieveMultiple(query).Entities.Select(row => row.Id).ToList();
    }

    private static void AssertKeyTaken(DataverseTestContext env, string number)
    {
        var duplicate = Rows.Account("Duplicate " + number);
        duplicate["accountnumber"] = number;
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Service.Create(duplicate));
    }
}
