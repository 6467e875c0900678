using CreditOS.Cli.Demo.Story;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>The demo's hold-code and credit-group chapters, checked against the rows the local Dataverse holds after the run.</summary>
public sealed class DemoHoldCodeAndGroupTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    private IOrganizationService Service => demo.Run.Dataverse.GetOrganizationService();

    [Fact]
    public void AHoldCodeMessage_HoldsTheOrderWithItsText_AndOnceEndedByTheCreditManager_TheNextOrderIsApproved()
    {
        var outcome = demo.Run.Outcome<HoldCodeOutcome>();

        var held = Order(outcome.Held.OrderId!.Value);
        Assert.Equal((int)SalesOrderCreditStatus.OnHold, held.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("Held by the customer message 'LEGAL' (Account under legal review", held.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(demo.Run.Reference!.People.FinanceApproverId, outcome.EndedBy);
        Assert.NotNull(outcome.EndedOn);
        Assert.Equal((int)SalesOrderCreditStatus.Approved, Order(outcome.After.OrderId!.Value).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public void ASubsidiarysOrderWithinItsOwnLimit_IsHeldForItsGroupsLimit_NamingTheGroup()
    {
        var outcome = demo.Run.Outcome<GroupLimitOutcome>();

        var order = Order(outcome.Order.OrderId!.Value);
        var parent = Service.Retrieve(Account.EntityLogicalName, outcome.ParentId, new ColumnSet(Account.Fields.Name));
        Assert.Equal((int)SalesOrderCreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverGroupLimit", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Contains("credit group " + parent.GetAttributeValue<string>(Account.Fields.Name), order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    private Entity Order(Guid id) => Service.Retrieve(SalesOrder.EntityLogicalName, id, new ColumnSet(SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReason, SalesOrder.Fields.HoldReasonCode));
}
