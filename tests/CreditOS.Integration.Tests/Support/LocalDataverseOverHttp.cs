using CreditOS.Integration.Worker.Dataverse;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Integration.Tests.Support;

/// <summary>A local Dataverse with currencies and customer accounts, served over HTTP on loopback.</summary>
public sealed class LocalDataverseOverHttp : IAsyncDisposable
{
    public const string AccountTable = "account";
    public const string CurrencyTable = "transactioncurrency";
    public const string PaymentTable = "cos_payment";
    public const string ReceivableTable = "cos_receivable";
    public const string SalesOrderTable = "salesorder";

    private LocalDataverseOverHttp(LocalDataverseEnvironment dataverse, LocalDataverseWebApiServer server, Guid euro, Guid dollar)
    {
        Dataverse = dataverse;
        Server = server;
        Euro = euro;
        Dollar = dollar;
    }

    public LocalDataverseEnvironment Dataverse { get; }

    public LocalDataverseWebApiServer Server { get; }

    public Guid Euro { get; }

    public Guid Dollar { get; }

    public IOrganizationService Service => Dataverse.GetOrganizationService();

    public static async Task<LocalDataverseOverHttp> StartAsync(Action<LocalDataverseWebApiOptions>? configure = null, bool withOrderCheck = true)
    {
        var dataverse = new LocalDataverseEnvironment();
        if (withOrderCheck)
        {
            dataverse.RegisterStep(new PluginStepRegistration(
                typeof(OrderCheckStandInPlugin), Guid.NewGuid(), "Create", "salesorder", PipelineStageNumber.PreOperation, false, 1, [], null, null, []));
        }

        var service = dataverse.GetOrganizationService();
        var euro = service.Create(Currency("EUR", "Euro"));
        var dollar = service.Create(Currency("USD", "US Dollar"));
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        configure?.Invoke(options);
        var server = await LocalDataverseWebApiServer.StartAsync(dataverse, options);
        return new LocalDataverseOverHttp(dataverse, server, euro, dollar);
    }

    public Guid AddAccount(string accountNumber, Guid? currency = null) => Service.Create(new Entity(AccountTable)
    {
        ["name"] = "Customer " + accountNumber,
        [DataverseSchema.Account.AccountNumber] = accountNumber,
        ["transactioncurrencyid"] = new EntityReference(CurrencyTable, currency ?? Euro),
    });

    public IReadOnlyList<Entity> Rows(string table, params string[] columns) =>
        Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(columns) }).Entities.ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Dataverse.Dispose();
    }

    private static Entity Currency(string isoCode, string name) => new(CurrencyTable)
    {
        [DataverseSchema.Currency.IsoCode] = isoCode,
        ["currencyname"] = name,
        ["currencysymbol"] = isoCode,
        ["exchangerate"] = 1m,
        ["currencyprecision"] = 2,
    };
}
