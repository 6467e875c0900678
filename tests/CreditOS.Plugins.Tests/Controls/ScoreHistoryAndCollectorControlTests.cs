extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditScoreHistory = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Score history is an audit fact only the credit flow records, and collectors read the credit columns they collect
/// against but never write them; as Fiona the Finance approver, Ada the System Administrator and Colin the collector,
/// through the local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class ScoreHistoryAndCollectorControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public ScoreHistoryAndCollectorControlTests() => AnAccount().WithLimit(20_000).WithOverdue(3_000m, 1_000m, 40).WithOpenReceivables(9_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void NoOne_EntersScoreHistoryByHand_NorChangesOrDeletesIt_NotEvenAnAdministrator_WhileRescoringStillRecordsIt()
    {
        var fiona = world.Context.As(FixedIds.FinanceApprover);
        var ada = world.Context.As(FixedIds.AdminUser);

        var byFiona = Assert.Throws<FaultException<OrganizationServiceFault>>(() => fiona.Create(AHandMadeLimitChange())).Detail.Message;
        var byAda = Assert.Throws<FaultException<OrganizationServiceFault>>(() => ada.Create(AHandMadeLimitChange())).Detail.Message;
        world.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        var recorded = History();
        var changed = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => ada.Update(new Entity(CreditScoreHistory.EntityLogicalName, recorded[0].Id) { [CreditScoreHistory.Fields.CreditLimit] = new Money(90_000m) })).Detail.Message;
        var deleted = Assert.Throws<FaultException<OrganizationServiceFault>>(() => ada.Delete(CreditScoreHistory.EntityLogicalName, recorded[0].Id)).Detail.Message;

        Assert.Contains("recorded only by the credit flow", byFiona, StringComparison.Ordinal);
        Assert.Contains("recorded only by the credit flow", byAda, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", changed, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", deleted, StringComparison.Ordinal);
        Assert.NotEmpty(recorded);
        Assert.NotEqual(90_000m, History()[0].GetAttributeValue<Money>(CreditScoreHistory.Fields.CreditLimit)?.Value);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CreditScoreHistoryGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 1));
    }

    [Fact]
    public void Colin_WithTheCollectionReadersProfile_ReadsTheCreditFiguresHeCollectsAgainst_ButCannotWriteThem()
    {
        var colin = world.Context.AUser("Colin Collector").WithId(CollectionsWorld.Colin).WithRole(SolutionRoles.Collector)
            .WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create();
        var asColin = world.Context.As(colin);

        var account = asColin.Retrieve(Account.EntityLogicalName, CreditTestIds.Customer,
            new ColumnSet(Account.Fields.CreditLimit, Account.Fields.OverdueAmount, Account.Fields.OpenReceivables));
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => asColin.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditLimit] = new Money(50_000m) }));

        Assert.Equal(20_000m, account.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value);
        Assert.Equal(3_000m, account.GetAttributeValue<Money>(Account.Fields.OverdueAmount)?.Value);
        Assert.Equal(9_000m, account.GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value);
        Assert.NotNull(refusal.Detail);
        Assert.Equal(20_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    private static Entity AHandMadeLimitChange() => new(CreditScoreHistory.EntityLogicalName)
    {
        [CreditScoreHistory.Fields.Name] = "Credit limit set to 90,000.00 by Finance",
        [CreditScoreHistory.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        [CreditScoreHistory.Fields.CreditLimit] = new Money(90_000m),
    };

    private List<Entity> History()
    {
        var query = new QueryExpression(CreditScoreHistory.EntityLogicalName) { ColumnSet = new ColumnSet(CreditScoreHistory.Fields.CreditLimit) };
        query.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
