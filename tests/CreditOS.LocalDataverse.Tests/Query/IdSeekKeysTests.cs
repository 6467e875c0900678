using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// An Equal or In on an id column starts the query from the index with the condition's ids, a repeated id once
/// (Query/Planning/SeekFinder.DistinctKeys; session 35 tells a few ids apart in a loop and many through a set, as one set did
/// before): each row comes back once whatever the repeats, on either side of the few-ids bound, and an id that is not one
/// fails the query wherever it stands in the list.
/// </summary>
public sealed class IdSeekKeysTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void AnInOnIds_WithEveryIdRepeated_ReturnsEachRowOnce(int accounts)
    {
        using var env = TestEnvironment.Create();
        var ids = Enumerable.Range(0, accounts).Select(index => env.Service.Create(Rows.Account("Customer " + index))).ToList();
        env.Service.Create(Rows.Account("Not asked for"));

        // Each id twice, the second time further on, so a few ids and many ids both meet their repeats.
        var values = ids.Concat(ids).Cast<object>().ToArray();
        var found = Query(env.Service, values).Select(row => row.Id).ToList();

        Assert.Equal(ids.OrderBy(id => id), found.OrderBy(id => id));
    }

    [Fact]
    public void AnEqualOnAnId_FindsItsRow()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Alone"));
        env.Service.Create(Rows.Account("Other"));

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, id);

        Assert.Equal(["Alone"], env.Service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>("name")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void AnInOnIds_WithAValueThatIsNoId_FailsAsAnEqualOnItDoes(int valuesBefore)
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Customer"));
        var values = Enumerable.Repeat((object)id, valuesBefore).Append("not an id").ToArray();

        var single = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        single.Criteria.AddCondition("accountid", ConditionOperator.Equal, "not an id");
        var expected = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => env.Service.RetrieveMultiple(single));
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Query(env.Service, values));

        Assert.Equal(expected.Detail.ErrorCode, fault.Detail.ErrorCode);
    }

    private static DataCollection<Entity> Query(IOrganizationService service, object[] ids)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", ConditionOperator.In, ids);
        return service.RetrieveMultiple(query).Entities;
    }
}
