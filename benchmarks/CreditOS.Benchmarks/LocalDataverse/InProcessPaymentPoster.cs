extern alias plugins;

using System.Globalization;
using CreditOS.Benchmarks.Integration;
using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// One local Dataverse with the payment book (<see cref="PaymentBenchmarkBook"/>), with or without every creditOS plug-in,
/// and the worker's application user posting payments through the organization service in this process: what
/// <see cref="PaymentPostingBenchmark"/> measures one case at a time and <see cref="PaymentRateRatioBenchmark"/> both
/// interleaved.
/// </summary>
internal sealed class InProcessPaymentPoster : IDisposable
{
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-0000000be4c1");

    private readonly LocalDataverseEnvironment _dataverse;
    private readonly PaymentBenchmarkBook _book;
    private readonly IOrganizationService _worker;

    public InProcessPaymentPoster(int customers, bool plugIns)
    {
        _dataverse = new LocalDataverseEnvironment();
        _book = new PaymentBenchmarkBook(_dataverse, customers, "POST", plugIns);
        _worker = _dataverse.GetOrganizationService(_book.CreateWorkerUser(WorkerApplicationId));
    }

    /// <summary>One open invoice per payment of <paramref name="round"/>, spread over the customers (as SYSTEM, not measured).</summary>
    public void AddOpenInvoices(int round, int payments) => _book.AddOpenInvoices(round, payments);

    /// <summary>Payment <paramref name="index"/> of <paramref name="round"/>, created as the worker's user, naming its invoice.</summary>
    public void Post(int round, int index)
    {
        var erpId = string.Create(CultureInfo.InvariantCulture, $"PAY-{round}-{index:00000}");
        _worker.Create(new Entity(Payment.EntityLogicalName)
        {
            [Payment.Fields.Name] = erpId,
            [Payment.Fields.SourceSystem] = "SAP",
            [Payment.Fields.ErpId] = erpId,
            [Payment.Fields.AccountId] = _book.CustomerOf(index),
            [Payment.Fields.Amount] = new Money(PaymentBenchmarkBook.Amount(index)),
            [Payment.Fields.PaymentDate] = DateTime.UtcNow.Date,
            [Payment.Fields.AppliedInvoices] = PaymentBenchmarkBook.InvoiceId(round, index),
            [Payment.Fields.TransactionCurrencyId] = _book.Euro,
        });
    }

    public void Dispose() => _dataverse.Dispose();
}
