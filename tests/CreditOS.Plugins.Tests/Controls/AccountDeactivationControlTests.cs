extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 9: an invoice falling overdue changes no row, so only the nightly rescoring (the worker's batch pages
/// <b>active</b> accounts, <c>AccountPager</c>: statecode eq 0) moves the account's overdue figures, which the order check
/// reads. Sam (Write on the accounts of his business unit, so SetState too) deactivated his customer with 30,000.00 open
/// due in 5 days; 30 days later the batch had skipped it and the account still said 0.00 overdue, which his next order was
/// checked against; on an active account the batch records 30,000.00 overdue beyond grace and his 5,000.00 order is held
/// for Finance.
/// Now an account carrying credit (open receivables or open orders) is deactivated only by a Finance approver or the
/// credit flow (<c>AccountDeactivationGuard</c>); an account with none stays the rep's to deactivate.
/// </summary>
public sealed class AccountDeactivationControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid worker;

    public AccountDeactivationControlTests()
    {
        AnAccount().Named("Tailspin Toys").WithLimit(50_000).Create(world.Service);
        AnInvoice().Numbered(1).Of(30_000m).IssuedDaysAgo(25).DueAfter(30).Create(world.Service);
        worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotDeactivateHisCustomer_SoTheNightlyRescoringStillSeesItsInvoiceFallOverdue_AndHisOrderIsHeld()
    {
        Assert.Equal(30_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        var bySetState = Record.Exception(() => world.SalesRep.Execute(Deactivation()));
        var byUpdate = Record.Exception(() => world.SalesRep.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.StateCode] = new OptionSetValue(1),
            [Account.Fields.StatusCode] = new OptionSetValue(2),
        }));

        world.Advance(TimeSpan.FromDays(30));
        TheWorkersNightlyBatch();
        var order = world.Order(AnOrder().Of(5_000m).Create(world.SalesRep));

        Assert.Equal(30_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode), StringComparison.Ordinal);
        foreach (var refused in new[] { bySetState, byUpdate })
        {
            var message = Assert.IsType<FaultException<OrganizationServiceFault>>(refused).Detail.Message;
            Assert.Contains("Account 'Tailspin Toys' cannot be deactivated by you: it carries credit (open receivables 30,000.00, open orders 0.00, overdue 0.00 as last rescored)", message, StringComparison.Ordinal);
            Assert.Contains("the nightly rescoring skips inactive accounts", message, StringComparison.Ordinal);
        }

        Assert.Equal(0, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
    }

    [Fact]
    public void Fiona_DeactivatesACustomerThatCarriesCredit_AndSamOneThatCarriesNone()
    {
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Never bought").Create(world.Service);

        world.CreditManager.Execute(Deactivation());
        world.SalesRep.Execute(Deactivation(CreditTestIds.SecondCustomer));

        Assert.Equal(1, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
        Assert.Equal(1, world.Account(CreditTestIds.SecondCustomer).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotDeactivateHisCustomerThatCarriesCredit()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Patch, "accounts(" + CreditTestIds.Customer.ToString("D") + ")", new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 });

        WebApiCall.AssertRefused(answer, "cannot be deactivated by you: it carries credit (open receivables 30,000.00");
        Assert.Equal(0, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
    }

    private static SetStateRequest Deactivation(Guid? account = null) => new()
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, account ?? CreditTestIds.Customer),
        State = new OptionSetValue(1),
        Status = new OptionSetValue(2),
    };

    /// <summary>The worker's nightly batch: the active accounts (AccountPager's filter), each rescored with Trigger = scheduled.</summary>
    private void TheWorkersNightlyBatch()
    {
        var active = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        active.Criteria.AddCondition(Account.Fields.StateCode, ConditionOperator.Equal, 0);
        var asWorker = world.Context.As(worker);
        foreach (var account in asWorker.RetrieveMultiple(active).Entities)
        {
            asWorker.Execute(new OrganizationRequest(Api.UniqueName)
            {
                ["Target"] = new EntityReference(Account.EntityLogicalName, account.Id),
                [Api.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            });
        }
    }
}
