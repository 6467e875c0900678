extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.LocalDataverse.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// The nightly page writes each account only if its row version is still the one it read (session 17). A payment
/// posted for one of the page's accounts after the page read it, holding the account's lock while the page comes to
/// write it: the page's write waits, finds the version the payment left and the page is refused whole (SubErrorCode
/// 0x80060882, nothing written); the worker sends it again in halves, which read the payment's figures, and every
/// account is rescored with them.
/// </summary>
public sealed class PageChangedMeanwhileTests : IAsyncLifetime
{
    private LocalDataverseOverHttp _local = null!;
    private Guid _paying;
    private Guid _quiet;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        _paying = _local.AddAccount("CM-001");
        _quiet = _local.AddAccount("CM-002");
        CreditPlugins.AddOpenInvoice(_local.Service, _paying, _local.Euro, "CM-INV-1", 1_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, _quiet, _local.Euro, "CM-INV-2", 700m);
        // Only the page and the payment posting: an invoice created later has no event rescoring, so the page finds it.
        _local.Dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin));
        _local.Dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin));
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task APaymentCommittedAfterThePageReadTheAccount_RefusesThePage_AndTheWorkerSendsItAgainWithThePaymentsFigures()
    {
        // The one-call page's conditional write is this test's subject (its environment registers only the page and the payment
        // posting, not the sealed-picture guard); the two-call night's race is TwoCallNightTests' (session 26).
        var overrides = new Dictionary<string, string?> { ["Scheduling:BatchRescoreSetBased"] = "true", ["Scheduling:BatchRescoreTwoCalls"] = "false", ["Scheduling:KpiSnapshotEnabled"] = "false" };
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services => services.AddSingleton<BatchRescoreJob>());
        var job = worker.Services.GetRequiredService<BatchRescoreJob>();
        await job.RunOnceAsync(CancellationToken.None);
        // A second invoice without its event rescoring: the next page finds the paying customer's picture changed and writes it.
        CreditPlugins.AddOpenInvoice(_local.Service, _paying, _local.Euro, "CM-INV-3", 500m);
        _local.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(HoldPaymentOpenUntilAnotherWaitsPlugin), new Guid("0d000000-0000-4000-8000-0000000000c7"), "Create",
            Payment.EntityLogicalName, PipelineStageNumber.PostOperation, false, 99, [], null, null, []));
        HoldPaymentOpenUntilAnotherWaitsPlugin.Reset(_local.Dataverse);
        _local.Dataverse.ClearPluginExecutions();

        var payment = Task.Factory.StartNew(
            () => _local.Service.Create(new Entity(Payment.EntityLogicalName)
            {
                [Payment.Fields.Name] = "CM-PAY-1",
                [Payment.Fields.SourceSystem] = "ERP",
                [Payment.Fields.ErpId] = "CM-PAY-1",
                [Payment.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, _paying),
                [Payment.Fields.Amount] = new Money(300m),
                [Payment.Fields.PaymentDate] = DateTime.UtcNow.Date,
                [Payment.Fields.AppliedInvoices] = "CM-INV-1",
                [Payment.Fields.TransactionCurrencyId] = new EntityReference(LocalDataverseOverHttp.CurrencyTable, _local.Euro),
            }),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        // The page starts once the payment holds the account's lock (its transaction open, not committed).
        Assert.True(SpinWait.SpinUntil(() => HoldPaymentOpenUntilAnotherWaitsPlugin.FirstArrived, TimeSpan.FromSeconds(10)), "the payment did not reach its hold");
        await job.RunOnceAsync(CancellationToken.None);
        await payment;

        Assert.True(HoldPaymentOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the page did not wait for the payment's lock");
        var pages = _local.Dataverse.PluginExecutions.Where(e => e.PluginType == typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin)).ToList();
        // The refused page of two, then its two halves.
        Assert.True(pages.Count == 3, pages.Count + " page calls: " + string.Join(" | ", pages.Select(e => e.Error)));
        Assert.Contains(pages, e => !e.Succeeded && (e.Error ?? string.Empty).Contains("changed after this page of 2 accounts read it", StringComparison.Ordinal));
        Assert.Equal(2, pages.Count(e => e.Succeeded));
        Assert.Equal(1_200m, Money(_paying, Account.Fields.OpenReceivables));
        Assert.Equal(700m, Money(_quiet, Account.Fields.OpenReceivables));
        Assert.Equal(1_200m, _local.Rows(Receivable.EntityLogicalName, Receivable.Fields.AccountId, Receivable.Fields.OpenAmount)
            .Where(row => row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId).Id == _paying)
            .Sum(row => row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value));
    }

    private decimal Money(Guid account, string column) =>
        _local.Service.Retrieve(Account.EntityLogicalName, account, new Microsoft.Xrm.Sdk.Query.ColumnSet(column)).GetAttributeValue<Money>(column)?.Value ?? 0m;

    /// <summary>Keeps the first payment's transaction open (the account's lock held) until another transaction waits for a lock.</summary>
    internal sealed class HoldPaymentOpenUntilAnotherWaitsPlugin : IPlugin
    {
        private static int arrivals;
        private static CreditOS.LocalDataverse.LocalDataverse? dataverse;

        public static bool SawAnotherWaiting { get; private set; }

        public static bool FirstArrived => Volatile.Read(ref arrivals) > 0;

        public static void Reset(CreditOS.LocalDataverse.LocalDataverse local)
        {
            dataverse = local;
            arrivals = 0;
            SawAnotherWaiting = false;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (Interlocked.Increment(ref arrivals) != 1 || dataverse is null)
            {
                return;
            }

            SawAnotherWaiting = SpinWait.SpinUntil(() => dataverse.TransactionsWaitingForLocks > 0, TimeSpan.FromSeconds(20));
        }
    }
}
