extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 10: a limit increase within the amount that needs no Finance approval (25,000.00) is applied at once by
/// the credit flow, because it is a sales rep's small increase and no approver is asked. Fiona, a Finance approver with
/// Write on every account, entered 70,000.00 on a customer's Credit tab (limit 50,000.00): the increase was applied at
/// once, recorded as a limit no one else decided, while every request she raises is one she may not decide herself. Now a
/// requester who decides approvals has the increase routed to Finance as a request another approver decides
/// (<c>CreditLimitRequestRouter.RequesterDecidesApprovals</c>); Sam's small increase is still applied at once
/// (<c>SelfServedLimitControlTests</c>). Every plug-in of both assemblies and the solution's processes.
/// </summary>
public sealed class FinanceSelfServedLimitControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public FinanceSelfServedLimitControlTests()
    {
        AnAccount().Named("Wide World Importers").WithLimit(50_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    [Fact]
    public void Fiona_CannotHaveHerOwnSmallIncreaseAppliedWithoutAnotherApprover_ItBecomesARequestFrankDecides()
    {
        var frank = world.Context.As(world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create());

        Fiona.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.RequestedCreditLimit] = new Money(70_000m),
            [Account.Fields.CreditLimitRequestReason] = "Spring season.",
        });

        Assert.Equal(50_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<Money>(Account.Fields.ApprovedLimit));
        var request = Assert.Single(Requests());
        Assert.Equal((int)RequestType.LimitIncrease, request.GetAttributeValue<OptionSetValue>("cos_requesttype").Value);
        Assert.Equal(70_000m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        Assert.Equal(FixedIds.FinanceApprover, request.GetAttributeValue<EntityReference>("cos_requestedby")?.Id);

        var own = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(Fiona, request.Id)).Detail.Message;
        Assert.Contains("You raised the credit approval request", own, StringComparison.Ordinal);
        Assert.Equal(Pending, world.Service.Retrieve(Request, request.Id, new ColumnSet("cos_approvalstatus")).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);

        Decide(frank, request.Id);
        Assert.Equal(70_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    private static void Decide(IOrganizationService caller, Guid request) => caller.Execute(new OrganizationRequest("cos_DecideCreditApproval")
    {
        ["Target"] = new EntityReference(Request, request),
        ["Decision"] = "Approve",
        ["Comment"] = "Spring season checked.",
    });

    private IReadOnlyList<Entity> Requests()
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
