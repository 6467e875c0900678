using System.ServiceModel;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>
/// account_parent_account is hierarchical in the standard metadata: Dataverse refuses a parent that would close a loop
/// (AccountLoopBeingCreated, 0x80040507) and the hierarchy operators walk it through the organization service.
/// </summary>
public sealed class HierarchyLoopTests
{
    private const int AccountLoopBeingCreated = unchecked((int)0x80040507);

    [Fact]
    public void MakingAnAccountTheParentOfItsOwnAncestor_IsRefused_AndNothingChanges()
    {
        using var env = TestEnvironment.Create();
        var top = env.Service.Create(Rows.Account("Top"));
        var middle = env.Service.Create(WithParent(Rows.Account("Middle"), top));
        var bottom = env.Service.Create(WithParent(Rows.Account("Bottom"), middle));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Service.Update(WithParent(new Entity("account", top), bottom)));

        Assert.Equal(AccountLoopBeingCreated, fault.Detail.ErrorCode);
        Assert.Contains("loop in Accounts hierarchy", fault.Detail.Message, StringComparison.Ordinal);
        Assert.Null(env.Service.Retrieve("account", top, new ColumnSet("parentaccountid")).GetAttributeValue<EntityReference>("parentaccountid"));
    }

    [Fact]
    public void MakingAnAccountItsOwnParent_IsRefused()
    {
        using var env = TestEnvironment.Create();
        var alone = env.Service.Create(Rows.Account("Alone"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Service.Update(WithParent(new Entity("account", alone), alone)));

        Assert.Equal(AccountLoopBeingCreated, fault.Detail.ErrorCode);
    }

    [Fact]
    public void MovingASubtreeUnderAnotherBranch_IsAllowed_AndTheOperatorsFollowIt()
    {
        using var env = TestEnvironment.Create();
        var top = env.Service.Create(Rows.Account("Top"));
        var left = env.Service.Create(WithParent(Rows.Account("Left"), top));
        var right = env.Service.Create(WithParent(Rows.Account("Right"), top));
        var leaf = env.Service.Create(WithParent(Rows.Account("Leaf"), left));

        env.Service.Update(WithParent(new Entity("account", left), right));

        Assert.Equal(["Left", "Leaf"], Names(env.Service, ConditionOperator.Under, right));
        Assert.Equal(["Left", "Right", "Top"], Names(env.Service, ConditionOperator.Above, leaf).Order(StringComparer.Ordinal));
    }

    private static Entity WithParent(Entity account, Guid parent)
    {
        account["parentaccountid"] = new EntityReference("account", parent);
        return account;
    }

    private static List<string> Names(IOrganizationService service, ConditionOperator op, Guid id)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", op, id);
        query.AddOrder("name", OrderType.Descending);
        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")).ToList();
    }
}
