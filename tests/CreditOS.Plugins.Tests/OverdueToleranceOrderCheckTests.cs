extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using Reader = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationReader;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Tolerance = plugins::CreditOS.CreditEngine.Decisions.OverdueTolerance;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// The policy's overdue tolerance through the local Dataverse: columns of the policy row (seeded with the shipped
/// values, read by the configuration reader and by the order check's one account read, guarded at save), decided by the
/// engine's rule at order entry and when a rescoring re-checks held orders.
/// </summary>
public sealed class OverdueToleranceOrderCheckTests : IDisposable
{
    private static readonly string[] CreditPolicies = ["STRATEGIC", "PREFERRED", "STANDARD", "WATCH"];

    // What the settings do, not who may change them (four-eyes off; controls round 14).
    private readonly CreditWorld world = CreditWorld.WithAllPlugins().WithoutConfigurationFourEyes();

    public void Dispose() => world.Dispose();

    private IOrganizationService CreditAdministrator => world.Context.As(FixedIds.CreditOfficer);

    [Fact]
    public void ThePolicyRow_IsSeededWithTheShippedTolerance_AndTheConfigurationReaderReadsWhatTheAdministratorSets()
    {
        var row = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.OverdueToleranceAmount, Policy.Fields.OverdueTolerancePercent, Policy.Fields.OverdueToleranceDays));
        Assert.Equal((500m, 2m, 30), (row.GetAttributeValue<Money>(Policy.Fields.OverdueToleranceAmount).Value, row.GetAttributeValue<decimal>(Policy.Fields.OverdueTolerancePercent), row.GetAttributeValue<int>(Policy.Fields.OverdueToleranceDays)));
        Assert.Equal(new Tolerance(500m, 0.02m, 30), StandardPolicyAsRead().OverdueTolerance);

        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy)
        {
            [Policy.Fields.OverdueToleranceAmount] = new Money(750m),
            [Policy.Fields.OverdueTolerancePercent] = 3m,
            [Policy.Fields.OverdueToleranceDays] = 20,
        });

        Assert.Equal(new Tolerance(750m, 0.03m, 20), StandardPolicyAsRead().OverdueTolerance);
    }

    [Fact]
    public void OneSmallForgottenInvoice_TheOrderIsApprovedWithinTolerance_AndSaysWhatToCollect()
    {
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(40, beyondGrace: 40, oldestDays: 12).Create(world.Service);

        var orderId = AnOrder().Of(2_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, Status(order));
        Assert.Null(order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Contains(
            "USD 40.00 is overdue beyond the 5-day grace period (oldest item 12 days past due), within the policy's overdue tolerance of USD 500.00 while the oldest item is at most 30 days past due: the order is not held; collect the USD 40.00 from the customer.",
            order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason),
            StringComparison.Ordinal);
        Assert.Equal(2_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    /// <summary>
    /// Session 29: the trusted channel's overdue tolerance (EDI, 1,000) has a days ceiling of its own
    /// (cos_trustedoverduetolerancedays, seeded 30). 800 overdue is above the Standard policy's 500, so only the channel's
    /// tolerance can let the order through, and only while the oldest item is at most 30 days past due; until then an EDI
    /// order passed whatever the overdue's age.
    /// </summary>
    [Theory]
    [InlineData(20, true)]
    [InlineData(45, false)]
    public void AnEdiOrder_OverdueAboveThePolicysTolerance_PassesOnlyWithinTheChannelsDaysCeiling(int oldestDays, bool approved)
    {
        var row = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.TrustedOverdueToleranceDays));
        Assert.Equal(30, row.GetAttributeValue<int>(Policy.Fields.TrustedOverdueToleranceDays));
        Assert.Equal(30, StandardPolicyAsRead().TrustedChannel!.OverdueToleranceDays);
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(800, beyondGrace: 800, oldestDays: oldestDays).Create(world.Service);

        var order = world.Order(AnOrder().Of(2_000).Through(OrderChannel.EDI).Create(world.Service));

        Assert.Equal(approved ? (int)CreditStatus.ApprovedWithinGrace : (int)CreditStatus.OnHold, Status(order));
        Assert.Equal(approved ? null : "OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void TheSameSmallAmount_OverTheDaysCeiling_StillHoldsTheOrder()
    {
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(40, beyondGrace: 40, oldestDays: 31).Create(world.Service);

        var order = world.Order(AnOrder().Of(2_000).Create(world.Service));

        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal("OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Contains("above the policy's overdue tolerance", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void ManySmallInvoices_AddUpBeyondTheTolerance_AndHoldTheOrder()
    {
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(600, beyondGrace: 600, oldestDays: 12).Create(world.Service);

        var order = world.Order(AnOrder().Of(2_000).Create(world.Service));

        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal("OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void TheToleranceClearedOnThePolicyRow_TheSameOrderIsHeld()
    {
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(40, beyondGrace: 40, oldestDays: 12).Create(world.Service);
        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.OverdueToleranceAmount] = new Money(0m) });

        var order = world.Order(AnOrder().Of(2_000).Create(world.Service));

        Assert.Equal((int)CreditStatus.OnHold, Status(order));
    }

    [Fact]
    public void ANegativeTolerance_IsRefusedAtSave_AndAGracePeriodPastTheCeiling_TurnsTheToleranceOff()
    {
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.OverdueTolerancePercent] = -1m }));
        Assert.Equal(new Tolerance(500m, 0.02m, 30), StandardPolicyAsRead().OverdueTolerance);

        // Grace raised to 30 days: the 30-day ceiling no longer reaches beyond it, so the small overdue (31 days past due,
        // beyond the new grace) holds; the administrator is not made to change the tolerance first.
        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 30 });
        AnAccount().WithLimit(40_000).WithOpenReceivables(20_000).WithOverdue(40, beyondGrace: 40, oldestDays: 31).Create(world.Service);

        Assert.Equal((int)CreditStatus.OnHold, Status(world.Order(AnOrder().Of(2_000).Create(world.Service))));
    }

    [Fact]
    public void AHeldOrder_IsReleasedByTheNextRescoring_OnceThePolicyToleratesTheSmallOverdue()
    {
        // A good payer (two years of invoices paid on time) with one small invoice 12 days past due.
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(99).Of(40m).IssuedDaysAgo(42).DueAfter(30).Create(world.Service);
        SetToleranceAmounts(0m);
        Rescore();
        var orderId = AnOrder().Of(2_000).Create(world.Service);
        Assert.Equal((int)CreditStatus.OnHold, Status(world.Order(orderId)));
        Assert.Equal("OverdueBeyondGrace", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        SetToleranceAmounts(500m);
        Rescore();

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Contains("cured the hold (OverdueBeyondGrace)", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Contains("USD 40.00 is overdue beyond the", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Contains("within the policy's overdue tolerance", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        // Collections still see the overdue: the account keeps it.
        Assert.Equal(40m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueBeyondGrace));
    }

    private void SetToleranceAmounts(decimal amount)
    {
        foreach (var code in CreditPolicies)
        {
            CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.PolicyId(code)) { [Policy.Fields.OverdueToleranceAmount] = new Money(amount) });
        }
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });

    private plugins::CreditOS.CreditEngine.Policies.CreditPolicy StandardPolicyAsRead() =>
        Reader.Read(world.Service, plugins::CreditOS.Dataverse.Framework.SilentTracing.Instance).Configuration.Policies.Single(p => p.Code == "STANDARD");

    private static int Status(Entity order) => order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
