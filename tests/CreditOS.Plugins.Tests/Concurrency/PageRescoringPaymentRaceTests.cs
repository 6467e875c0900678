extern alias plugins;

using System.ServiceModel;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// A payment posting and the nightly page rescoring of the same account, in flight together. The payment's
/// transaction takes the account's row lock and a test step keeps it open until the page's transaction is waiting for
/// that lock; the page had read the account and its history before the payment committed (reads take no lock), so a
/// page that wrote what it first read would put the paid invoice's amount back into the account's open receivables.
/// The page writes each account on condition that its row version is still the one it read (session 17: no lock claim
/// and no re-read): its write waits for the payment's lock, finds the version the payment left, and the page is refused
/// whole with <see cref="PageRescoring.ChangedMeanwhile"/>, having written nothing. Sent again (as the worker does), it
/// reads the payment's figures and writes them: the payment's figures survive.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class PageRescoringPaymentRaceTests
{
    [Fact]
    public async Task APaymentInFlightWhenThePageWritesTheAccount_IsWaitedFor_ThePageIsRefused_AndSentAgainWritesThePaymentsFigures()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin), typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin));
        var customer = AnAccount().Named("Racing Page Ltd").Create(world.Service);
        var other = AnAccount().Named("Quiet Page Ltd").WithId(Guid.NewGuid()).Create(world.Service);
        AnInvoice().For(customer).Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().For(other).Numbered(2).Of(700m).SettledDaysAgo(null).Create(world.Service);
        RescorePage(world.Service, customer, other);
        // A second invoice arrives without its event rescoring: the page will find the customer's picture changed and write it.
        AnInvoice().For(customer).Numbered(3).Of(500m).SettledDaysAgo(null).Create(world.Service);
        world.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(HoldOpenUntilAnotherWaitsPlugin), new Guid("0d000000-0000-4000-8000-0000000000a1"), plugins::CreditOS.Dataverse.Framework.Messages.Create,
            Payment.EntityLogicalName, PipelineStageNumber.PostOperation, false, 99, [], null, null, []));
        HoldOpenUntilAnotherWaitsPlugin.Reset(world.Dataverse);

        var payment = Task.Factory.StartNew(
            () => APayment().For(customer).Of(300m).Settling("INV-00001").WithErpId("PAY-PAGE-RACE").Create(world.Dataverse.GetOrganizationService()),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        // The page starts once the payment holds the account's lock (its transaction open, not committed).
        Assert.True(SpinWait.SpinUntil(() => HoldOpenUntilAnotherWaitsPlugin.FirstArrived, TimeSpan.FromSeconds(5)), "the payment did not reach its hold");
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => RescorePage(world.Dataverse.GetOrganizationService(), customer, other));
        await payment;

        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the page did not wait for the payment's lock");
        Assert.Equal(PageRescoring.ChangedMeanwhile, refused.Detail.ErrorDetails["SubErrorCode"]);
        // Nothing of the refused page stays: the account's figures are the payment's.
        Assert.Equal(1_200m, world.AccountMoney(customer, Account.Fields.OpenReceivables));

        var again = RescorePage(world.Dataverse.GetOrganizationService(), customer, other);

        // Both assessed again from the figures the payment left (its own rescoring wrote the customer's picture already).
        Assert.Equal(2, (int)again[PageApi.Response.Assessed]);
        Assert.Equal(1_200m, OpenOfItsInvoices(world, customer));
        Assert.Equal(1_200m, world.AccountMoney(customer, Account.Fields.OpenReceivables));
        Assert.Equal(700m, world.AccountMoney(other, Account.Fields.OpenReceivables));
    }

    private static OrganizationResponse RescorePage(IOrganizationService service, params Guid[] ids) => service.Execute(new OrganizationRequest(PageApi.UniqueName)
    {
        [PageApi.Request.AccountIds] = ids.Select(id => id.ToString("D")).ToArray(),
        [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.OnDemand),
    });

    private static decimal OpenOfItsInvoices(CreditWorld world, Guid customer)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, customer);
        return world.Service.RetrieveMultiple(query).Entities.Sum(row => row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m);
    }
}
