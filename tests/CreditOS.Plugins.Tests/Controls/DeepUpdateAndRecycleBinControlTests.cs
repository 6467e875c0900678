extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using ScoreHistory = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 23 (session 30): routes the local Dataverse cannot carry out must be refused loudly, never accepted with
/// part of the write dropped. A deep update (Update or Upsert whose target carries <c>RelatedEntities</c>: Dataverse
/// updates the related rows in the same operation, "Update related table rows in one operation") wrote the account and
/// silently dropped the held order carried with it; the recycle bin's Restore and a query of deleted rows (FetchXML
/// <c>datasource="bin"</c>) are not modelled. The copy the local Dataverse makes of a request's parameters dropped
/// <c>RelatedEntities</c>, so even a deep insert (Create), documented as refused, created the primary row alone. Sam (Sales
/// Rep + Credit Readers) and Ada (System Administrator) try them.
/// </summary>
public sealed class DeepUpdateAndRecycleBinControlTests : IDisposable
{
    private const string OrdersOfAccount = "order_customer_accounts";
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid heldOrder;

    public DeepUpdateAndRecycleBinControlTests()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);
        heldOrder = AnOrder().For(CreditTestIds.Customer).Of(50_000).Create(world.SalesRep);
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_AndAda_UpdatingOrUpsertingAnAccountWithItsHeldOrderReleasedAlongside_AreRefusedLoudly_AndNothingIsWritten()
    {
        Entity Deep()
        {
            var account = new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.EMailAddress1] = "ap@contoso.example" };
            account.RelatedEntities[new Relationship(OrdersOfAccount)] = new EntityCollection(
            [
                new Entity(SalesOrder.EntityLogicalName, heldOrder) { [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Released) },
            ]) { EntityName = SalesOrder.EntityLogicalName };
            return account;
        }

        Entity NewCustomerWithAnApprovedOrder()
        {
            var account = new Entity(Account.EntityLogicalName, Guid.NewGuid()) { [Account.Fields.Name] = "Litware Inc" };
            account.RelatedEntities[new Relationship(OrdersOfAccount)] = new EntityCollection(
            [
                new Entity(SalesOrder.EntityLogicalName, Guid.NewGuid()) { [SalesOrder.Fields.Name] = "Entered approved", [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Approved) },
            ]) { EntityName = SalesOrder.EntityLogicalName };
            return account;
        }

        var orders = world.CountOrders();
        foreach (var (who, caller) in new[] { ("Sam", world.SalesRep), ("Ada", world.Service) })
        {
            var created = NewCustomerWithAnApprovedOrder();
            var insert = Refused(() => caller.Create(created));
            Assert.True(insert.Contains("does not implement Create with RelatedEntities", StringComparison.Ordinal), who + ": " + insert);
            Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(Account.EntityLogicalName) { Criteria = { Conditions = { new ConditionExpression(Account.Fields.AccountId, ConditionOperator.Equal, created.Id) } } }).Entities);

            var update = Refused(() => caller.Update(Deep()));
            var upsert = Refused(() => caller.Execute(new UpsertRequest { Target = Deep() }));
            var bulk = Refused(() => caller.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = new EntityCollection([Deep()]) { EntityName = Account.EntityLogicalName } }));

            Assert.True(update.Contains("does not implement Update with RelatedEntities", StringComparison.Ordinal), who + ": " + update);
            Assert.True(upsert.Contains("does not implement Upsert with RelatedEntities", StringComparison.Ordinal), who + ": " + upsert);
            Assert.True(bulk.Contains("does not implement Update with RelatedEntities", StringComparison.Ordinal), who + ": " + bulk);
        }

        // Neither the account's own column nor the order: nothing of the deep update was written.
        Assert.Null(world.Service.Retrieve(Account.EntityLogicalName, CreditTestIds.Customer, new ColumnSet(Account.Fields.EMailAddress1)).GetAttributeValue<string>(Account.Fields.EMailAddress1));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
        Assert.Equal(orders, world.CountOrders());

        // The same order released by its own Update meets the guard, as the related row's Update would in Dataverse.
        Refused(() => world.SalesRep.Update(new Entity(SalesOrder.EntityLogicalName, heldOrder) { [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Released) }));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
    }

    /// <summary>Colin (Collector), Fiona (Finance Approver, Write on every account and order) and Ivy (the worker) meet the same refusal.</summary>
    [Fact]
    public void Colin_Fiona_AndIvy_CannotReleaseTheHeldOrderInADeepUpdateOfItsAccount_EitherAndNothingIsWritten()
    {
        var people = new[]
        {
            ("Colin", world.Context.As(world.Context.AUser("Colin Collector").WithRole(SolutionRoles.Collector).WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create())),
            ("Fiona", world.CreditManager),
            ("Ivy", world.Context.As(world.Context.AUser("Ivy Integration").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create())),
        };

        foreach (var (who, caller) in people)
        {
            var account = new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.EMailAddress1] = who + "@contoso.example" };
            account.RelatedEntities[new Relationship(OrdersOfAccount)] = new EntityCollection(
            [
                new Entity(SalesOrder.EntityLogicalName, heldOrder) { [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Released) },
            ]) { EntityName = SalesOrder.EntityLogicalName };

            var update = Refused(() => caller.Update(account));
            var upsert = Refused(() => caller.Execute(new UpsertRequest { Target = account }));

            Assert.True(update.Contains("does not implement Update with RelatedEntities", StringComparison.Ordinal), who + ": " + update);
            Assert.True(upsert.Contains("does not implement Upsert with RelatedEntities", StringComparison.Ordinal), who + ": " + upsert);
        }

        Assert.Null(world.Service.Retrieve(Account.EntityLogicalName, CreditTestIds.Customer, new ColumnSet(Account.Fields.EMailAddress1)).GetAttributeValue<string>(Account.Fields.EMailAddress1));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
    }

    [Fact]
    public void Ada_CannotRestoreADeletedCreditFact_NorQueryTheRecycleBin_ForTheLocalDataverseHasNone_AndSaysSo()
    {
        var restore = Refused(() => world.Service.Execute(new OrganizationRequest("Restore")
        {
            ["Target"] = new Entity(ScoreHistory.EntityLogicalName, Guid.NewGuid()),
        }));
        var bin = Refused(() => world.Service.RetrieveMultiple(new FetchExpression(
            "<fetch datasource='bin'><entity name='" + ScoreHistory.EntityLogicalName + "'><attribute name='" + ScoreHistory.PrimaryIdAttribute + "' /></entity></fetch>")));

        Assert.Contains("does not implement", restore, StringComparison.Ordinal);
        Assert.Contains("Restore", restore, StringComparison.Ordinal);
        Assert.Contains("datasource 'bin'", bin, StringComparison.Ordinal);
    }
}
