extern alias workflows;

using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using EvaluatePlugin = workflows::CreditOS.Workflows.Plugins.EvaluateCreditThresholdsPlugin;
using RoutePlugin = workflows::CreditOS.Workflows.Plugins.RouteOrderForCreditApprovalPlugin;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The processes run as real users, as in Dataverse (a custom workflow activity's services all run as the workflow's
/// user): background ones as their owner, the solution importer (a System Administrator), and their activities reach
/// the credit flow only through the Custom APIs whose plug-ins write as SYSTEM. Each API's call budget is held here,
/// and a person calling an API directly gains nothing the form would not give.
/// </summary>
public sealed class WorkflowUserTests : ApprovalTestBase
{
    [Fact]
    public void HeldOrderProcess_RunsAsTheProcessOwner_AndRoutesAsTheCreditFlow_WithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.Dataverse.ClearPluginExecutions();
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        AssertProcessesSucceeded();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        // Written by the API's plug-in as SYSTEM: the request guard lets only the credit flow create requests.
        Assert.Equal(Scenario.Dataverse.SystemUserId, request.GetAttributeValue<EntityReference>("createdby").Id);
        // The order's create and the order-entry plug-in's hold each start the process: two routings, one request.
        var routings = Scenario.Dataverse.PluginExecutions.Where(e => e.PluginType == typeof(RoutePlugin)).ToList();
        Assert.NotEmpty(routings);
        Assert.All(routings, route => Assert.True(route.Succeeded, route.Error));
        Assert.All(routings, route => Assert.InRange(route.ServiceCalls, 1, RoutePlugin.MaximumCalls));
        Assert.Equal("Solution Importer", Row("systemuser", LocalDataverse.LocalDataverse.SolutionImporterId).GetAttributeValue<string>("fullname"));
    }

    [Fact]
    public void ThresholdProcess_RaisesTheAlertThroughTheApi_WithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 50_000m);
        Scenario.Dataverse.ClearPluginExecutions();

        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(96_000m) });

        AssertProcessesSucceeded();
        var evaluate = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(EvaluatePlugin));
        Assert.True(evaluate.Succeeded, evaluate.Error);
        Assert.InRange(evaluate.ServiceCalls, 1, EvaluatePlugin.MaximumCalls);
        Assert.NotEmpty(Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount));
    }

    [Fact]
    public void ASalesRepCallingTheOrderRoutingApiDirectly_GetsTheSameOpenRequest_AndNoSecondOne()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var response = Scenario.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_RouteOrderForCreditApproval")
        {
            ["Target"] = new EntityReference("salesorder", ApprovalsIds.HeldOrder),
        });

        Assert.False((bool)response["Created"]);
        Assert.Equal(request.Id, ((EntityReference)response["ApprovalRequest"]).Id);
        Assert.Single(RequestsFor("cos_salesorderid", ApprovalsIds.HeldOrder));
    }

    [Fact]
    public void ASalesRepCallingTheTypedLimitRequestApiDirectly_IsRefused_AndTheLimitStays()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 10_000m);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Scenario.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_RouteCreditLimitRequest")
        {
            ["Target"] = new EntityReference("account", FixedIds.CustomerAccount),
            ["RequestType"] = LimitIncrease,
            ["RequestedLimit"] = new Money(60_000m),
            ["Reason"] = "Asked directly.",
        }));

        Assert.Contains("Credit Administrator", refusal.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(50_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("creditlimit").Value);
        Assert.Empty(RequestsFor("cos_accountid", FixedIds.CustomerAccount));
    }
}
