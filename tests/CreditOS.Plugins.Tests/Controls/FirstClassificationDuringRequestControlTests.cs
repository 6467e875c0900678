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
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerSegmentGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CustomerSegmentGuardPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (front line): round 11 made a customer's group wait while a credit approval request is open (the
/// decision reads the route of the customer's group as it is when deciding), but only for a reclassification; a first
/// classification stays open to whoever edits the account. Sam's held 25,000.00 order went to Finance on the default
/// route (temporary limits at most 90 days) for his unclassified customer; Sam then classified the customer Key account,
/// whose route runs temporary limits for a year, and Fiona released the order with a temporary limit of 300 days
/// (measured before the fix: both accepted, 75,000.00 until 300 days ahead). Now the first classification waits for the
/// decision too. As Sam (Sales Rep), the worker (Integration), Fiona (Finance Approver) and Carl (Credit Administrator)
/// through the local Dataverse with every plug-in of both assemblies and the solution's processes.
/// </summary>
public sealed class FirstClassificationDuringRequestControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork();

    public FirstClassificationDuringRequestControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
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
    public void Sam_CannotClassifyHisUnclassifiedCustomerWhileItsRequestIsOpen_SoFionaDecidesUnderTheRouteItWasRaisedOn()
    {
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        var request = Assert.Single(RequestsFor(order)).Id;
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        world.ForgetExecutions();
        var bySam = Refused(() => world.SalesRep.Update(Group(CustomerGroup.KeyAccount)));
        var byTheWorker = Refused(() => worker.Update(Group(CustomerGroup.KeyAccount)));
        var aYear = Refused(() => Release(request, FixedIds.Now.UtcDateTime.AddDays(300)));

        Assert.Contains("cannot be changed now (from none to " + (int)CustomerGroup.KeyAccount + ")", bySam, StringComparison.Ordinal);
        Assert.Contains("is decided under that route's terms", bySam, StringComparison.Ordinal);
        Assert.Contains("cannot be changed now", byTheWorker, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.Contains("the approval route allows at most 90 days", aYear, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        // Decided under the route it was raised on; then Sam classifies his customer, as before.
        Release(request, FixedIds.Now.UtcDateTime.AddDays(60));
        world.SalesRep.Update(Group(CustomerGroup.KeyAccount));

        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Equal((int)CustomerGroup.KeyAccount, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
    }

    private void Release(Guid request, DateTime until) => world.CreditManager.Execute(new OrganizationRequest("cos_DecideCreditApproval")
    {
        ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
        ["Decision"] = "Approve",
        ["Comment"] = "Seasonal peak; the customer pays on time.",
        ["TemporaryLimit"] = new Money(75_000m),
        ["TemporaryLimitExpiresOn"] = until,
    });

    private static Entity Group(CustomerGroup group) => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) };

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private static string Refused(Action action) => Assert.Throws<FaultException<OrganizationServiceFault>>(action).Detail.Message;
}
