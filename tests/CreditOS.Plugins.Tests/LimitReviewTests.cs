extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
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

    public LimitReviewTests()
    {
        var queue = world.Service.Create(new Entity("queue") { ["name"] = "Credit approvals" });
        world.Service.Create(new Entity("cos_approvalrouting") { ["cos_name"] = "Default", ["cos_queueid"] = new EntityReference("queue", queue) });
        AnAccount().Unscored().WithLimit(LimitBefore).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void RescoringThatCutsTheLimitByMoreThanTheStep_KeepsTheOldLimit_AndSendsOneLimitReviewToFinance()
    {
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
    public void PolicyThatStepsDownGradually_LowersTheLimitByOneStepPerRescoring_WithoutAReview()
    {
        foreach (var policy in world.Service.RetrieveMultiple(new QueryExpression(Policy.EntityLogicalName) { ColumnSet = new ColumnSet(false) }).Entities)
        {
            world.Service.Update(new Entity(Policy.EntityLogicalName, policy.Id) { [Policy.Fields.LimitStepDown] = true });
        }

        Rescore();
        var afterOne = world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
        Rescore();

        Assert.Equal(150_000m, afterOne);
        Assert.Equal(112_500m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Empty(Reviews());
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
