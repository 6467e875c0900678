using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// Approve with a temporary limit and its review date through cos_DecideCreditApproval: applied to the account in the
/// decision's transaction (available credit and utilization against it), and refused on the server, with nothing
/// saved, when the limit is not positive, the date is not in the future or lies beyond the route's
/// cos_temporarylimitmaxdays (shipped 90 days; an admin changes it on the route row), or the decision is not an approval.
/// </summary>
public sealed class TemporaryLimitDecisionTests : ApprovalTestBase
{
    private static readonly DateTime Today = FixedIds.Now.UtcDateTime;

    public TemporaryLimitDecisionTests()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
    }

    [Fact]
    public void Approve_WithATemporaryLimitAndReviewDate_SetsTheAccountsTemporaryLimit_AndItsAvailableCredit()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var reviewOn = Today.AddDays(60);

        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", Terms(62_000m, reviewOn));

        var account = Row("account", FixedIds.CustomerAccount);
        Assert.Equal(62_000m, account.GetAttributeValue<Money>("cos_temporarylimit").Value);
        Assert.Equal(reviewOn.Date, account.GetAttributeValue<DateTime>("cos_temporarylimitexpireson")); // a date-only column keeps the date
        Assert.Equal(50_000m, account.GetAttributeValue<Money>("creditlimit").Value);
        var exposure = account.GetAttributeValue<Money>("cos_exposure").Value;
        Assert.Equal(62_000m - exposure, account.GetAttributeValue<Money>("cos_availablecredit").Value);
        Assert.Equal(Math.Round(exposure / 62_000m * 100m, 2), account.GetAttributeValue<decimal>("cos_utilization"));
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Equal(Approved, Status(Row(Request, request.Id), "cos_approvalstatus"));
    }

    [Theory]
    [InlineData(0, 30, "must be a positive amount (got 0.00)")]
    [InlineData(-5_000, 30, "must be a positive amount")]
    [InlineData(60_000, 0, "is not in the future")]
    [InlineData(60_000, -3, "is not in the future")]
    [InlineData(60_000, 91, "the approval route allows at most 90 days")]
    [InlineData(62_001, 30, "a temporary limit of 62,001.00 is more than the release asks for: at most 62,000.00 (the limit of 50,000.00 plus the order's 12,000.00")]
    public void Approve_WithATemporaryLimitOutsideTheRules_IsRefused_AndNothingIsSaved(int limit, int reviewInDays, string expected)
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", Terms(limit, Today.AddDays(reviewInDays))));

        Assert.Contains(expected, refusal.Detail.Message, StringComparison.Ordinal);
        AssertNothingSaved(request.Id);
    }

    [Fact]
    public void AReviewDateWithoutATemporaryLimit_IsRefusedOnAnOrder()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", r => r["cos_temporarylimitexpireson"] = Today.AddDays(30)));

        Assert.Contains("a review date without a temporary limit", refusal.Detail.Message, StringComparison.Ordinal);
        AssertNothingSaved(request.Id);
    }

    [Theory]
    [InlineData(RejectedDecision, "not with a rejection")]
    [InlineData(MoreInformation, "not with a question to the sales rep")]
    public void ATemporaryLimit_GoesOnlyWithAnApproval(int decision, string expected)
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Decide(FixedIds.FinanceApprover, request.Id, decision, "Two invoices 60 days overdue.", Terms(60_000m, Today.AddDays(30))));

        Assert.Contains(expected, refusal.Detail.Message, StringComparison.Ordinal);
        AssertNothingSaved(request.Id);
    }

    [Fact]
    public void TheLongestTerm_IsTheRoutesSetting_ChangingTheRowChangesWhatIsAllowed()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var route = DefaultRoute();
        Assert.Equal(90, route.GetAttributeValue<int>("cos_temporarylimitmaxdays"));

        Service.Update(new Entity("cos_approvalrouting", route.Id) { ["cos_temporarylimitmaxdays"] = 14 });
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", Terms(60_000m, Today.AddDays(30))));
        Assert.Contains("allows at most 14 days", refusal.Detail.Message, StringComparison.Ordinal);

        Service.Update(new Entity("cos_approvalrouting", route.Id) { ["cos_temporarylimitmaxdays"] = 180 });
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", Terms(60_000m, Today.AddDays(120)));
        Assert.Equal(60_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("cos_temporarylimit").Value);
    }

    [Fact]
    public void TheLongestTerm_IsGuardedAtSave()
    {
        var route = DefaultRoute();

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Update(new Entity("cos_approvalrouting", route.Id) { ["cos_temporarylimitmaxdays"] = 0 }));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Update(new Entity("cos_approvalrouting", route.Id) { ["cos_temporarylimitmaxdays"] = 400 }));

        Assert.Equal(90, Row("cos_approvalrouting", route.Id).GetAttributeValue<int>("cos_temporarylimitmaxdays"));
    }

    private static Action<Entity> Terms(decimal limit, DateTime reviewOn) => r =>
    {
        r["cos_temporarylimit"] = new Money(limit);
        r["cos_temporarylimitexpireson"] = reviewOn;
    };

    private Entity DefaultRoute()
    {
        var query = new QueryExpression("cos_approvalrouting") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_customergroup", ConditionOperator.Null);
        return Assert.Single(Service.RetrieveMultiple(query).Entities);
    }

    private void AssertNothingSaved(Guid requestId)
    {
        var unchanged = Row(Request, requestId);
        Assert.Equal(Pending, Status(unchanged, "cos_approvalstatus"));
        Assert.Null(unchanged.GetAttributeValue<Money>("cos_temporarylimit"));
        Assert.Null(unchanged.GetAttributeValue<EntityReference>("cos_decidedby"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Null(Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("cos_temporarylimit"));
    }
}
