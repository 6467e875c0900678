extern alias plugins;

using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using LiftSuspensionPlugin = plugins::CreditOS.Plugins.LiftSuspensionPlugin;
using SuspensionLift = plugins::CreditOS.Dataverse.Model.SuspensionLift;
using SuspensionLifting = plugins::CreditOS.Dataverse.Credit.Suspension.SuspensionLifting;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 13: lifting a suspension (cos_LiftSuspension) puts the customer's whole credit limit back in force, every
/// order within it approved without Finance, yet it was the one Finance decision the approval authority matrix did not
/// bound: Fiona, whose authority is 100,000, lifted the suspension of a customer with a 500,000 limit that she could not
/// have approved. The lift now needs an authority covering the limit it puts back in force (the higher of the limit in
/// force and the exposure), as a decision does. As Fiona and Frank (Finance Approver role, Credit Deciders) through the
/// local Dataverse with every plugin, and over the Web API.
/// </summary>
public sealed class SuspensionLiftAuthorityControlTests : WebApiControlTestsBase
{
    private const string Reason = "Judgment settled; court confirmation seen.";
    private readonly Guid frank;

    public SuspensionLiftAuthorityControlTests()
        : base(CreditWorld.WithPluginsAndApprovals(), FixedIds.FinanceApprover)
    {
        AnAccount().WithLimit(500_000).WithOpenReceivables(120_000).Create(World.Service);

        // The Credit Administrator's matrix: Fiona's own row, 100,000; Frank is under the shipped default row.
        frank = World.FionaWithAnAuthorityOfAndFrank(100_000m);
        ABureauReport().WithJudgments(1).ReportedDaysAgo(1).Create(World.Service);
    }

    [Fact]
    public void Fiona_CannotLiftTheSuspensionOfACustomerWhoseLimitIsBeyondHerAuthority_WhileFrankMay()
    {
        var limit = World.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
        Assert.True(World.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.True(limit > 100_000m, $"the customer's limit in force is {limit}");

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Lift(World.Context.As(FixedIds.FinanceApprover))).Detail.Message;

        Assert.Contains($"lifting the suspension puts back in force a credit limit of {limit:#,##0.00} USD", refusal, StringComparison.Ordinal);
        Assert.Contains($"needs an approval authority of at least {limit:#,##0.00}; yours is 100,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("The account stays suspended for an approver whose authority covers it", refusal, StringComparison.Ordinal);
        Assert.True(World.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Empty(Lifts());

        World.ForgetExecutions();
        var response = Lift(World.Context.As(frank));

        Assert.False((bool)response["IsSuspended"]);
        Assert.False(World.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Equal(frank, Assert.Single(Lifts()).GetAttributeValue<EntityReference>(SuspensionLift.Fields.LiftedBy).Id);
        Assert.All(World.ExecutionsOf(typeof(LiftSuspensionPlugin)), run => Assert.InRange(run.ServiceCalls, 1, SuspensionLifting.MaximumCalls));
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotLiftTheSuspensionBeyondHerAuthority()
    {
        var answer = await SendAsync(
            People[FixedIds.FinanceApprover],
            HttpMethod.Post,
            $"accounts({CreditTestIds.Customer:D})/Microsoft.Dynamics.CRM.cos_LiftSuspension",
            new JsonObject { ["Reason"] = Reason });

        AssertAnswer(answer, HttpStatusCode.BadRequest, "yours is 100,000.00");
        Assert.Contains("lifting the suspension puts back in force a credit limit of", answer.Message, StringComparison.Ordinal);
        Assert.True(World.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Empty(Lifts());
    }

    private static OrganizationResponse Lift(IOrganizationService caller) => caller.Execute(new OrganizationRequest("cos_LiftSuspension")
    {
        ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        ["Reason"] = Reason,
    });

    private List<Entity> Lifts() => World.Service.RetrieveMultiple(new QueryExpression(SuspensionLift.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
}
