extern alias plugins;

using BenchmarkDotNet.Attributes;
using CreditOS.LocalDataverse;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Currency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Benchmarks.Plugins;

/// <summary>
/// Order entry through the local Dataverse pipeline with every creditOS plugin registered: one salesorder Create,
/// credit-checked by OrderCreditCheckPlugin (lock claim, one-query credit record, exposure write), for a customer with
/// 500 invoices on file. Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*OrderEntry*'
/// </summary>
[MemoryDiagnoser]
public class OrderEntryBenchmarks : IDisposable
{
    private const int Invoices = 500;
    private static readonly Guid CustomerId = new("b0000000-0000-4000-8000-000000000001");
    private static readonly Guid UsdId = new("b0000000-0000-4000-8000-0000000000d1");
    private static readonly DateTime Today = new(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc);

    private global::CreditOS.LocalDataverse.LocalDataverse? dataverse;
    private IOrganizationService? service;

    [GlobalSetup]
    public void Setup()
    {
        dataverse = new global::CreditOS.LocalDataverse.LocalDataverse(new LocalDataverseOptions());
        service = dataverse.GetOrganizationService();
        CreditReferenceData.Seed(service, "USD", "US Dollar", "$", UsdId);

        service.Create(new Entity(Account.EntityLogicalName, CustomerId)
        {
            [Account.Fields.Name] = "Benchmark Industrial",
            [Account.Fields.CreditLimit] = new Money(1_000_000_000m),
            [Account.Fields.TransactionCurrencyId] = new EntityReference(Currency.EntityLogicalName, UsdId),
        });
        for (var i = 0; i < Invoices; i++)
        {
            var issued = Today.AddDays(-(40 + i));
            service.Create(new Entity(Receivable.EntityLogicalName)
            {
                [Receivable.Fields.InvoiceNumber] = "INV-" + i,
                [Receivable.Fields.ErpId] = "INV-" + i,
                [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CustomerId),
                [Receivable.Fields.InvoiceDate] = issued,
                [Receivable.Fields.DueDate] = issued.AddDays(30),
                [Receivable.Fields.Amount] = new Money(1_000m),
                [Receivable.Fields.OpenAmount] = new Money(0m),
                [Receivable.Fields.SettledOn] = issued.AddDays(28),
                [Receivable.Fields.DaysLate] = 0,
            });
        }

        // Registered after the history is loaded, so the setup does not rescore 500 times.
        dataverse.RegisterPluginAssembly(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin).Assembly);
    }

    [Benchmark]
    public Guid CreateOrderThroughThePipeline() => service!.Create(new Entity(SalesOrder.EntityLogicalName)
    {
        [SalesOrder.Fields.Name] = "Benchmark order",
        [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CustomerId),
        [SalesOrder.Fields.TotalAmount] = new Money(100m),
        [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(Currency.EntityLogicalName, UsdId),
    });

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        dataverse?.Dispose();
        dataverse = null;
        GC.SuppressFinalize(this);
    }
}
