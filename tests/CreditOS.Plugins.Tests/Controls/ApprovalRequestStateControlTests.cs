extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Deactivating or reactivating a credit approval request (SetState) instead of deciding it through
/// cos_DecideCreditApproval: as Fiona the Finance approver (who writes approval requests) and Sam the sales rep (who
/// reads them), through the local Dataverse with both assemblies and the solution's processes.
/// </summary>
public sealed class ApprovalRequestStateControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public ApprovalRequestStateControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotCloseAPendingRequestNorReopenADecidedOne_BySetState_AndSamCannotTouchIt()
    {
        var order = AnOrder().Of(8_000m).Create(world.Context.As(FixedIds.SalesRep));
        Assert.Equal((int)CreditStatus.OnHold, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var request = Assert.Single(RequestsFor(order));
        var fiona = world.Context.As(FixedIds.FinanceApprover);

        var closed = Assert.Throws<FaultException<OrganizationServiceFault>>(() => fiona.Execute(SetState(request.Id, state: 1, status: 2))).Detail.Message;
        var bySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.SalesRep).Execute(SetState(request.Id, state: 1, status: 2))).Detail.Message;
        var stillPending = RequestsFor(order)[0].GetAttributeValue<OptionSetValue>("statecode").Value;
        fiona.Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = request.ToEntityReference(),
            ["Decision"] = "Reject",
            ["Comment"] = "Exposure 59,000.00 over the 50,000.00 limit; no security offered.",
        });
        var decided = RequestsFor(order)[0];
        var reopened = Assert.Throws<FaultException<OrganizationServiceFault>>(() => fiona.Execute(SetState(request.Id, state: 0, status: 1))).Detail.Message;

        Assert.Contains("its status and statecode, statuscode change only through the credit flow", closed, StringComparison.Ordinal);
        Assert.Contains("Finance decides with the Approve, Reject and Ask for more information commands", closed, StringComparison.Ordinal);
        Assert.Contains("change only through the credit flow", reopened, StringComparison.Ordinal);
        // Sam holds no Write on approval requests; which refusal he meets first depends on the pipeline's order (the local
        // Dataverse runs pre-operation steps before its security checks, Dataverse after them), so only the refusal is asserted.
        Assert.False(string.IsNullOrEmpty(bySam));
        Assert.Equal(0, stillPending);
        Assert.Equal(1, decided.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(1, RequestsFor(order)[0].GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal((int)CreditStatus.Rejected, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    private static SetStateRequest SetState(Guid request, int state, int status) => new()
    {
        EntityMoniker = new EntityReference(Request, request),
        State = new OptionSetValue(state),
        Status = new OptionSetValue(status),
    };

    private List<Entity> RequestsFor(Guid orderId)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, orderId);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
