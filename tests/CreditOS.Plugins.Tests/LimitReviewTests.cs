extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;

namespace CreditOS.Plugins.Tests;

/// <summary>A rescoring never silently cuts a limit far below what it was: Finance reviews it, the old limit holds meanwhile.</summary>
public sealed class LimitReviewTests : IDisposable
{
    private const decimal LimitBefore = 200_000m;

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public LimitReviewTests() => AnAccount().Unscored().WithLimit(LimitBefore).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void RescoringThatCutsTheLimitByMoreThanTheStep_KeepsTheOldLimit_AndSendsOneLimitReviewToFinance()
    {
        LoadHistory();
        Rescore();
        Rescore();

        Assert.Equal(LimitBefore, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        var review = Assert.Single(Reviews());
        var proposed = review.GetAttributeValue<Money>("cos_requestedlimit").Value;
        Assert.True(proposed < LimitBefore * 0.75m, "proposed " + proposed);
        Assert.Equal(LimitBefore, review.GetAttributeValue<Money>("cos_creditlimit").Value);
        Assert.Contains("lower the limit from USD 200,000.00 to", review.GetAttributeValue<string>("cos_decisionreason"), StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyThatStepsDownGradually_LowersTheLimitByAtMostOneStepPerRescoring_WithoutAReview()
    {
        foreach (var policy in world.Service.RetrieveMultiple(new QueryExpression(Policy.EntityLogicalName) { ColumnSet = new ColumnSet(false) }).Entities)
        {
            world.Service.Update(new Entity(Policy.EntityLogicalName, policy.Id) { [Policy.Fields.LimitStepDown] = true });
        }

        // Each receivable the ERP posts rescores the customer: every rescoring is one step at most.
        LoadHistory();
        Rescore();

        var steps = world.Service.RetrieveMultiple(new QueryExpression("cos_creditscorehistory") { ColumnSet = new ColumnSet("cos_creditlimit", "cos_previouscreditlimit") }).Entities
            .Where(h => h.Contains("cos_previouscreditlimit"))
            .Select(h => (Previous: h.GetAttributeValue<Money>("cos_previouscreditlimit").Value, Limit: h.GetAttributeValue<Money>("cos_creditlimit").Value))
            .ToList();
        Assert.Contains(steps, s => s.Previous == LimitBefore && s.Limit == 150_000m);
        Assert.All(steps, s => Assert.True(s.Limit >= decimal.Round(s.Previous * 0.75m, 2), s.Previous + " -> " + s.Limit));
        Assert.True(world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit) < 150_000m);
        Assert.Empty(Reviews());
    }

    [Fact]
    public void PaymentWhoseRescoringMustRaiseALimitReview_WithNoApprovalRoute_StillPosts_AndTheAccountIsHeldWithAnAlert()
    {
        foreach (var route in world.Service.RetrieveMultiple(new QueryExpression("cos_approvalrouting") { ColumnSet = new ColumnSet(false) }).Entities)
        {
            world.Service.Delete("cos_approvalrouting", route.Id);
        }

        LoadHistory();
        var payment = APayment().Of(8_000m).Create(world.Service);

        Assert.NotEqual(Guid.Empty, payment);
        Assert.Empty(Reviews());
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.CreditOnHold));
        var alerts = world.Service.RetrieveMultiple(new QueryExpression("cos_creditalert") { ColumnSet = new ColumnSet("cos_name", "cos_message") }).Entities;
        Assert.Contains(alerts, a => a.GetAttributeValue<string>("cos_name").StartsWith("Scoring failed: payment", StringComparison.Ordinal)
            && a.GetAttributeValue<string>("cos_message").Contains("No active approval route is configured", StringComparison.Ordinal));
    }

    private void LoadHistory()
    {
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }
    }

    private IReadOnlyList<Entity> Reviews()
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_requesttype", ConditionOperator.Equal, (int)RequestType.LimitReview);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
