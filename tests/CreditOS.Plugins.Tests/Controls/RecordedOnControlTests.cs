extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using BureauReport = plugins::CreditOS.Dataverse.Model.BureauReport;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 8: Dataverse lets a Create carry <c>overriddencreatedon</c> (a migration's "Record Created On"), and the
/// row's <c>createdon</c> becomes that date. The credit rules read <c>createdon</c> (a customer's first order starts the
/// months of history that end starter terms; held orders are released oldest first; an open promise is deleted only on
/// the day it was recorded; of two bureau reports of one day the one stored last counts). Before, Sam entered a 100.00
/// order dated 2025-06-01 for a customer with three paid invoices since November and no earlier business: at the next
/// rescoring (his own Rescore command) the customer had seven months of history instead of two, starter terms ended, the
/// limit went from 7,400.00 to a scored tier's 25,000.00, and his next order of 20,000.00 was Approved on credit instead
/// of awaiting prepayment (measured with the guard switched off). As Sam, Colin, the integration worker and Ada (System
/// Administrator), with every plug-in.
/// </summary>
public sealed class RecordedOnControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public RecordedOnControlTests()
    {
        StarterTermsCustomer.Create(world);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotBackdateAThrowawayOrder_ToGiveANewCustomerTheMonthsOfHistoryThatEndStarterTerms_ButEntersItDatedToday()
    {
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        world.ForgetExecutions();

        var backdated = AnOrder().Of(100).Build();
        backdated[SalesOrder.Fields.Name] = "Sample pack";
        backdated["overriddencreatedon"] = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Create(backdated)).Detail.Message;

        Assert.Contains("Order 'Sample pack' cannot be entered with the created-on date 2025-06-01 (overriddencreatedon), 228 day(s) before it is recorded on 2026-01-15", refusal, StringComparison.Ordinal);
        Assert.Contains("the months of history that end starter terms", refusal, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RecordedOnGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 1));

        // The legitimate path: the same order dated when it is entered; the customer keeps its two months and starter
        // terms, so Sam's next large order awaits prepayment.
        world.ForgetExecutions();
        var order = AnOrder().Of(100).Create(world.SalesRep);
        Rescore();
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(20_000).Create(world.SalesRep);

        Assert.Equal(world.Now.Date, world.Order(order).GetAttributeValue<DateTime>(SalesOrder.Fields.CreatedOn).Date);
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal(7_400m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.Order(next).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RecordedOnGuardPlugin)), run => Assert.Equal(0, run.ServiceCalls));
    }

    [Fact]
    public void Colin_TheWorker_AndAda_CannotDateAPromiseAPaymentABureauReportOrAnOrderOtherThanWhenItIsRecorded_WhichTheCreditFlowMay()
    {
        var colin = world.Context.As(world.ACollector(CollectionsWorld.Colin, "Colin Collector"));
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
        var ada = world.Context.As(FixedIds.AdminUser);

        // Colin dates his promise on its last day, so it could still be deleted "the day it was recorded" then.
        var promise = new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = "Promise 4000",
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [PromiseToPay.Fields.Amount] = new Money(4_000m),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(5),
            ["overriddencreatedon"] = CreditTestIds.Today.AddDays(5),
        };
        var payment = APayment().Of(1_000m).Build();
        payment["overriddencreatedon"] = CreditTestIds.Today.AddDays(-30);
        var report = ABureauReport().WithSolvency(90).Build();
        report["overriddencreatedon"] = CreditTestIds.Today.AddDays(-1);
        var order = AnOrder().Of(100).Build();
        order[SalesOrder.Fields.Name] = "Ada's order";
        order["overriddencreatedon"] = CreditTestIds.Today.AddDays(-400);

        var promised = Refusal(() => colin.Create(promise));
        var paid = Refusal(() => worker.Create(payment));
        var reported = Refusal(() => worker.Create(report));
        var ordered = Refusal(() => ada.Create(order));

        Assert.Contains("Promise to pay 'Promise 4000' cannot be entered with the created-on date 2026-01-20 (overriddencreatedon), 5 day(s) after it is recorded on 2026-01-15", promised, StringComparison.Ordinal);
        Assert.Contains("Payment '", paid, StringComparison.Ordinal);
        Assert.Contains("2025-12-16 (overriddencreatedon), 30 day(s) before it is recorded on 2026-01-15", paid, StringComparison.Ordinal);
        Assert.Contains("Bureau report 'Bureau report' cannot be entered with the created-on date 2026-01-14 (overriddencreatedon), 1 day(s) before", reported, StringComparison.Ordinal);
        Assert.Contains("Order 'Ada's order' cannot be entered with the created-on date 2024-12-11", ordered, StringComparison.Ordinal);
        Assert.Contains("whatever your roles", ordered, StringComparison.Ordinal);
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(Payment.EntityLogicalName)).Entities);
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(BureauReport.EntityLogicalName)).Entities);
        Assert.Equal(0, world.CountOrders());

        // The same rows without a created-on date are recorded as today's; the credit flow (SYSTEM, a migration) may date one.
        promise.Attributes.Remove("overriddencreatedon");
        Assert.Equal(CreditTestIds.Today, world.Promise(colin.Create(promise)).GetAttributeValue<DateTime>(PromiseToPay.Fields.CreatedOn).Date);
        report.Attributes.Remove("overriddencreatedon");
        worker.Create(report);
        var migrated = AnOrder().Of(100).Build();
        migrated["overriddencreatedon"] = CreditTestIds.Today.AddDays(-400);
        Assert.Equal(CreditTestIds.Today.AddDays(-400), world.Order(world.Service.Create(migrated)).GetAttributeValue<DateTime>(SalesOrder.Fields.CreatedOn).Date);
    }

    private static string Refusal(Action attempt) => Assert.Throws<FaultException<OrganizationServiceFault>>(attempt).Detail.Message;

    private void Rescore() => StarterTermsCustomer.Rescore(world);
}
