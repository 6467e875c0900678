extern alias plugins;

using System.Globalization;
using CreditOS.LocalDataverse.WebApi.Hosting;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// The book both payment benchmarks post into (<see cref="PaymentThroughputBenchmark"/> over the bus and the Web API,
/// <c>PaymentPostingBenchmark</c> in process), so the two measure the same postings: euro customers, optionally every
/// creditOS plug-in with the configuration stamped, the worker's application user with the role and field security
/// profile it is deployed with, and each iteration one open SAP invoice per payment.
/// </summary>
internal sealed class PaymentBenchmarkBook
{
    private readonly LocalDataverseEnvironment _dataverse;
    private readonly EntityReference[] _customers;

    public PaymentBenchmarkBook(LocalDataverseEnvironment dataverse, int customers, string customerNumberPrefix, bool plugIns)
    {
        _dataverse = dataverse;
        var service = dataverse.GetOrganizationService();
        Euro = CreditReferenceData.Seed(service, "EUR", "Euro", "€");
        _customers = new EntityReference[customers];
        for (var customer = 0; customer < customers; customer++)
        {
            var number = CustomerNumber(customerNumberPrefix, customer);
            _customers[customer] = new EntityReference(Account.EntityLogicalName, service.Create(new Entity(Account.EntityLogicalName)
            {
                [Account.Fields.Name] = "Benchmark customer " + number,
                [Account.Fields.AccountNumber] = number,
                [Account.Fields.TransactionCurrencyId] = Euro,
            }));
        }

        if (plugIns)
        {
            dataverse.RegisterPluginAssembly(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin).Assembly);

            // What deployment does once the configuration is imported with the plug-ins in place: stamp its version,
            // so payments score with the cached configuration (ConfigurationVersionPlugin stamps every later change).
            plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion.Bump(service, NoTracing.Instance);
        }
    }

    public EntityReference Euro { get; }

    /// <summary>The customer a payment or invoice of this index belongs to (spread evenly over the customers).</summary>
    public EntityReference CustomerOf(int index) => _customers[index % _customers.Length];

    public static string CustomerNumber(string prefix, int customer) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{customer:000}");

    public static string InvoiceId(int iteration, int index) => string.Create(CultureInfo.InvariantCulture, $"INV-{iteration}-{index:00000}");

    /// <summary>Each payment pays its invoice in full, 100 to 149 euros.</summary>
    public static decimal Amount(int index) => 100m + (index % 50);

    /// <summary>
    /// The worker's application user (bearer token → systemuser with applicationid, as in production), with the role and
    /// field security profile it is deployed with: the local Dataverse enforces both.
    /// </summary>
    public Guid CreateWorkerUser(Guid applicationId)
    {
        var workerUser = ApplicationUsers.Create(_dataverse, "creditOS integration worker", applicationId);
        ApplicationUsers.AssignRole(_dataverse, workerUser, "creditOS Integration");
        _dataverse.AssignFieldSecurityProfile(workerUser, _dataverse.SolutionFieldSecurityProfileId("creditOS Integration Readers"));
        return workerUser;
    }

    /// <summary>This iteration's open invoices, one per payment, spread over the customers (as SYSTEM, not measured).</summary>
    public void AddOpenInvoices(int iteration, int payments)
    {
        var service = _dataverse.GetOrganizationService();
        var issued = DateTime.UtcNow.Date.AddDays(-20);
        for (var index = 0; index < payments; index++)
        {
            service.Create(new Entity(Receivable.EntityLogicalName)
            {
                [Receivable.Fields.InvoiceNumber] = InvoiceId(iteration, index),
                [Receivable.Fields.SourceSystem] = "SAP",
                [Receivable.Fields.ErpId] = InvoiceId(iteration, index),
                [Receivable.Fields.AccountId] = CustomerOf(index),
                [Receivable.Fields.InvoiceDate] = issued,
                [Receivable.Fields.DueDate] = issued.AddDays(30),
                [Receivable.Fields.Amount] = new Money(Amount(index)),
                [Receivable.Fields.OpenAmount] = new Money(Amount(index)),
                [Receivable.Fields.TransactionCurrencyId] = Euro,
            });
        }
    }
}
