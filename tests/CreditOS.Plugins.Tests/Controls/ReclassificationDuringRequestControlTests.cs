extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerSegmentGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CustomerSegmentGuardPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 11 (session 18): a decision reads the approval route of the customer's group as it is when deciding
/// (the comment threshold and the longest temporary limit), and reclassifying a customer is Finance's. Round 5 kept
/// approvers off the routes themselves; but Fiona, with Sam's held order's request pending on the default route (90 days),
/// moved the customer to Key accounts, whose route Carl set to 365 days, and released the order with a temporary limit
/// running 300 days. Now a customer's group waits while a request is open: the request is decided under the route it was
/// raised on. As Sam (Sales Rep), Fiona (Finance Approver) and Carl (Credit Administrator) through the local Dataverse
/// with every plug-in of both assemblies and the solution's processes.
/// </summary>
public sealed class ReclassificationDuringRequestControlTests : IDisposable
{
    // Carl changes the configuration in place: what a change does, not who may make it (four-eyes off; controls round 14,
    // ConfigurationChangeFourEyesControlTests, hold the change to a second person when the setting is on).
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork().WithoutConfigurationFourEyes();

    public ReclassificationDuringRequestControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
        world.Service.Update(Group(CustomerGroup.SmallBusiness));

        // The routes are the Credit Administrator's configuration: Key accounts may run a temporary limit for a year. Carl
        // names the route's queue (his role holds AppendTo on queues for exactly this).
        world.CreditAdministrator.Create(new Entity("cos_approvalrouting")
        {
            ["cos_name"] = "Key accounts",
            ["cos_customergroup"] = new OptionSetValue((int)CustomerGroup.KeyAccount),
            ["cos_queueid"] = new EntityReference("queue", ApprovalsIds.FinanceQueue),
            ["cos_temporarylimitmaxdays"] = 365,
        });
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotReclassifyACustomerWhoseRequestIsOpen_ToDecideItUnderAnotherRoutesTerms_SheDecidesItUnderItsOwn()
    {
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        var request = Assert.Single(RequestsFor(order)).Id;

        world.ForgetExecutions();
        var reclassify = Refused(() => world.CreditManager.Update(Group(CustomerGroup.KeyAccount)));
        var aYear = Refused(() => Release(request, World300Days));

        Assert.Contains("The customer group of account", reclassify, StringComparison.Ordinal);
        Assert.Contains("cannot be changed now", reclassify, StringComparison.Ordinal);
        Assert.Contains("is decided under that route's terms", reclassify, StringComparison.Ordinal);
        Assert.Equal((int)CustomerGroup.SmallBusiness, GroupOf());
        Assert.Contains("the approval route allows at most 90 days", aYear, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.TemporaryLimit));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        // Under the route the request was raised on; then the customer may be reclassified.
        Release(request, FixedIds.Now.UtcDateTime.AddDays(60));
        world.CreditManager.Update(Group(CustomerGroup.KeyAccount));

        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Equal(75_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.TemporaryLimit));
        Assert.Equal((int)CustomerGroup.KeyAccount, GroupOf());
    }

    /// <summary>
    /// Controls round 12 (session 19, front line): the group waited only for a reclassification; a first classification
    /// is open to whoever edits the account. Sam's held order went to Finance on the default route for his customer, never
    /// classified (loaded without a group); Sam then classified it Key account (measured before the fix: accepted, so
    /// Finance decides under the 365-day route). Now a first classification waits for the open request too, Sam's and the
    /// worker's alike; after the decision Sam classifies it as before.
    /// </summary>
    [Fact]
    public void Sam_CannotClassifyHisUnclassifiedCustomerWhileItsRequestIsOpen_SoFionaDecidesUnderTheRouteItWasRaisedOn()
    {
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CustomerGroup] = null });
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        var request = Assert.Single(RequestsFor(order)).Id;
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        world.ForgetExecutions();
        var bySam = Refused(() => world.SalesRep.Update(Group(CustomerGroup.KeyAccount)));
        var byTheWorker = Refused(() => worker.Update(Group(CustomerGroup.KeyAccount)));
        var aYear = Refused(() => Release(request, World300Days));

        Assert.Contains("cannot be changed now (from none to " + (int)CustomerGroup.KeyAccount + ")", bySam, StringComparison.Ordinal);
        Assert.Contains("is decided under that route's terms", bySam, StringComparison.Ordinal);
        Assert.Contains("cannot be changed now", byTheWorker, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.Contains("the approval route allows at most 90 days", aYear, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        Release(request, FixedIds.Now.UtcDateTime.AddDays(60));
        world.SalesRep.Update(Group(CustomerGroup.KeyAccount));

        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Equal((int)CustomerGroup.KeyAccount, GroupOf());
    }

    private static DateTime World300Days => FixedIds.Now.UtcDateTime.AddDays(300);

    private void Release(Guid request, DateTime until) => world.CreditManager.Execute(new OrganizationRequest("cos_DecideCreditApproval")
    {
        ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
        ["Decision"] = "Approve",
        ["Comment"] = "Seasonal peak; the customer pays on time.",
        ["TemporaryLimit"] = new Money(75_000m),
        ["TemporaryLimitExpiresOn"] = until,
    });

    private static Entity Group(CustomerGroup group) => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) };

    private int GroupOf() => world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value;

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
