extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 29 (session 36), round 28b's left item: a person's save of a channel order is decided without the trusted
/// channel's tolerance (28b), but the hold release that runs as SYSTEM when a payment or a rescoring comes in decided the held
/// order with the channel's tolerance again. As Fiona (Finance Approver + Credit Deciders, Write on every order) and the
/// integration worker (Integration), through the local Dataverse with every plug-in. The customer: a Finance-approved limit of
/// 10,000.00 in force, 9,500.00 of open invoices (9,000.00 and 500.00, not yet due).
/// </summary>
public sealed class ChannelToleranceReleaseControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly IOrganizationService worker;

    public ChannelToleranceReleaseControlTests()
    {
        FinanceLimitCustomer.Create(world, "Contoso Industrial");
        worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
    }

    public void Dispose() => world.Dispose();

    /// <summary>
    /// The worker's EDI order of 1,000.00 (10,500.00 on the 10,000.00 limit) is approved within the channel's tolerance; Fiona
    /// raises it to 1,200.00 and it is held (round 28b: 10,700.00, no tolerance for a person's amount), and she may not decide its
    /// request (she set the amount). The customer pays the 500.00 invoice: 10,200.00 is still over the limit, and only the EDI
    /// tolerance would let it through. On main the release decided her amount with the tolerance and Released it, no approver.
    /// The order now records that a person changed it last (credit-owned: she cannot clear it), and the worker's own re-send of
    /// the channel's amount clears it and is approved within the tolerance again.
    /// </summary>
    [Fact]
    public void Fiona_RaisingAnEdiOrder_IsNotReleasedWithTheChannelsTolerance_WhenThePaymentComes_NorCanSheClearWhoSetItsAmount()
    {
        var fiona = world.Context.As(FixedIds.FinanceApprover);
        var edi = AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(worker);
        Assert.Equal(FinanceLimitCustomer.Limit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.CreditStatusOf(edi));

        world.ForgetExecutions();
        fiona.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.TotalAmount] = new Money(1_200m) });
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(edi));
        AssertOrderCheckWithinBudget();

        APayment().Of(500m).Settling("INV-00901").Create(world.Service);

        Assert.Equal(9_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(edi));
        Assert.True(ChangedByPerson(edi));

        var cleared = Refused(() => fiona.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.ChangedByPerson] = false }));
        Assert.Contains("cos_changedbyperson is set only by the credit flow", cleared, StringComparison.Ordinal);
        Assert.True(ChangedByPerson(edi));

        world.ForgetExecutions();
        worker.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.TotalAmount] = new Money(1_300m) });
        AssertOrderCheckWithinBudget();

        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.CreditStatusOf(edi));
        Assert.False(ChangedByPerson(edi));
    }

    /// <summary>
    /// The worker's EDI order of 3,000.00 is held (above the 2,500.00 the channel's tolerance covers). Fiona lowers it to
    /// 2,400.00: a lowered amount is not decided again (round 28b judged only a decision), so on main it stayed held with the
    /// channel's mark, and the 500.00 payment's release decided her 2,400.00 with the tolerance (11,400.00 on the 10,000.00
    /// limit) and Released it. A person's amount is hers whichever way it moved: it stays on hold for an approver.
    /// </summary>
    [Fact]
    public void Fiona_LoweringAHeldEdiOrderIntoTheChannelsTolerance_IsNotReleasedWithIt_WhenThePaymentComes()
    {
        var fiona = world.Context.As(FixedIds.FinanceApprover);
        var edi = AnOrder().Of(3_000).Through(OrderChannel.EDI).Create(worker);
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(edi));

        world.ForgetExecutions();
        fiona.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.TotalAmount] = new Money(2_400m) });
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(edi));
        AssertOrderCheckWithinBudget();

        APayment().Of(500m).Settling("INV-00901").Create(world.Service);

        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(edi));
        Assert.True(ChangedByPerson(edi));
    }

    /// <summary>The check's 3 calls, + whether the saver holds the Integration role (+ who SYSTEM is, once per organization).</summary>
    private void AssertOrderCheckWithinBudget() =>
        Assert.InRange(Assert.Single(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin))).ServiceCalls, 4, 5);

    private bool ChangedByPerson(Guid order) => world.Order(order).GetAttributeValue<bool?>(SalesOrder.Fields.ChangedByPerson) == true;
}
