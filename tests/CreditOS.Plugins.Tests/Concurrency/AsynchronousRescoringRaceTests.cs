extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AccountRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountRescoring;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// The rescoring an asynchronous step runs (a new invoice, an order's state) runs outside any transaction: each of its
/// calls commits on its own, so claiming the account's lock holds nothing. These tests put a payment posting (its own
/// transaction, through the real payment plug-in) exactly between the rescoring's reads and its account write, the
/// interleaving that left an account's open receivables away from the sum of its invoices under several workers. The
/// rescoring's write must not overwrite what the payment wrote: it is refused on the row version, and the rescoring
/// reads again.
/// </summary>
public sealed class AsynchronousRescoringRaceTests
{
    [Fact]
    public void APaymentPostedBetweenTheRescoringsReadsAndItsWrite_StaysInTheAccountsOpenReceivables()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin));
        var customer = AnAccount().Named("Racing Ltd").Create(world.Service);
        AnInvoice().For(customer).Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        AccountRescoring.Rescore(world.Service, new NoTracing(), customer, ScoreTrigger.Event, "first invoice", FixedIds.Now.UtcDateTime, inTransaction: false);

        // A second invoice arrives; its asynchronous rescoring reads both invoices, and a payment of 300 on the first
        // commits before the rescoring writes.
        AnInvoice().For(customer).Numbered(2).Of(500m).SettledDaysAgo(null).Create(world.Service);
        var racing = new PaymentBeforeTheAccountWrite(
            world.Service,
            () => APayment().For(customer).Of(300m).Settling("INV-00001").WithErpId("PAY-RACE-1").Create(world.Service));
        AccountRescoring.Rescore(racing, new NoTracing(), customer, ScoreTrigger.Event, "second invoice", FixedIds.Now.UtcDateTime, inTransaction: false);

        Assert.Equal(1, racing.PaymentsPosted);
        Assert.Equal(2, racing.AccountWrites);
        Assert.Equal(OpenOfItsInvoices(world, customer), world.AccountMoney(customer, Account.Fields.OpenReceivables));
        Assert.Equal(1_200m, world.AccountMoney(customer, Account.Fields.OpenReceivables));
    }

    [Fact]
    public void ARescoringThatNoOneRacesWritesOnce_WithTheLastScoredTime()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin));
        var customer = AnAccount().Named("Quiet Ltd").Create(world.Service);
        AnInvoice().For(customer).Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        var counting = new PaymentBeforeTheAccountWrite(world.Service, post: null);

        AccountRescoring.Rescore(counting, new NoTracing(), customer, ScoreTrigger.Event, "first invoice", FixedIds.Now.UtcDateTime, inTransaction: false);

        Assert.Equal(1, counting.AccountWrites);
        Assert.Equal(1_000m, world.AccountMoney(customer, Account.Fields.OpenReceivables));
        Assert.Equal(FixedIds.Now.UtcDateTime, world.Account(customer).GetAttributeValue<DateTime>(Account.Fields.LastScoredOn), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void AnAccountThatKeepsChanging_FailsTheRescoringWithTheAttempts_AndKeepsWhatTheLastWriterWrote()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin));
        var customer = AnAccount().Named("Busy Ltd").Create(world.Service);
        AnInvoice().For(customer).Numbered(1).Of(100_000m).SettledDaysAgo(null).Create(world.Service);
        var paid = 0;
        var racing = new PaymentBeforeTheAccountWrite(
            world.Service,
            () => APayment().For(customer).Of(10m).Settling("INV-00001").WithErpId("PAY-BUSY-" + ++paid).Create(world.Service),
            every: true);

        var failure = Assert.Throws<InvalidPluginExecutionException>(() =>
            AccountRescoring.Rescore(racing, new NoTracing(), customer, ScoreTrigger.Event, "invoice", FixedIds.Now.UtcDateTime, inTransaction: false));

        Assert.Contains("changed " + AccountRescoring.MaximumAttemptsOutsideATransaction + " times", failure.Message, StringComparison.Ordinal);
        Assert.Equal(AccountRescoring.MaximumAttemptsOutsideATransaction, racing.PaymentsPosted);
        Assert.Equal(OpenOfItsInvoices(world, customer), world.AccountMoney(customer, Account.Fields.OpenReceivables));
    }

    private static decimal OpenOfItsInvoices(CreditWorld world, Guid customer)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, customer);
        return world.Service.RetrieveMultiple(query).Entities.Sum(row => row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m);
    }

    /// <summary>Forwards every call; before the rescoring's account write (the update carrying open receivables) posts a payment, once or every time.</summary>
    private sealed class PaymentBeforeTheAccountWrite(IOrganizationService inner, Action? post, bool every = false) : IOrganizationService
    {
        public int AccountWrites { get; private set; }

        public int PaymentsPosted { get; private set; }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            if (request is UpdateRequest { Target: { LogicalName: Account.EntityLogicalName } target } && target.Contains(Account.Fields.LastScoredOn))
            {
                AccountWrites++;
                if (post is not null && (every || PaymentsPosted == 0))
                {
                    post();
                    PaymentsPosted++;
                }
            }

            return inner.Execute(request);
        }

        public Guid Create(Entity entity) => inner.Create(entity);

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => inner.Retrieve(entityName, id, columnSet);

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => inner.Delete(entityName, id);

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            inner.Associate(entityName, entityId, relationship, relatedEntities);

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            inner.Disassociate(entityName, entityId, relationship, relatedEntities);

        public EntityCollection RetrieveMultiple(QueryBase query) => inner.RetrieveMultiple(query);
    }

    private sealed class NoTracing : ITracingService
    {
        public void Trace(string format, params object[] args)
        {
        }
    }
}
