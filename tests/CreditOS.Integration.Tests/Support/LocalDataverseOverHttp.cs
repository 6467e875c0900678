using CreditOS.Integration.Worker.Dataverse;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// A local Dataverse with currencies and customer accounts, served over HTTP on loopback. The worker calls it as its
/// application user (Entra client id <see cref="WorkerApplicationId"/>, security role "creditOS Integration") with the
/// bearer token <see cref="WorkerAccessToken"/>.
/// </summary>
public sealed class LocalDataverseOverHttp : IAsyncDisposable
{
    /// <summary>A local test credential, not a secret: the token the local Web API issued to the worker's application.</summary>
    public const string WorkerAccessToken = "local-test-token-creditos-worker";

    public const string IntegrationRole = "creditOS Integration";

    /// <summary>The solution's field security profile for the worker: it reads an order's credit outcome to answer the channel.</summary>
    public const string IntegrationFieldProfile = "creditOS Integration Readers";

    public static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-00000000c0de");

    public const string AccountTable = "account";
    public const string CurrencyTable = "transactioncurrency";
    public const string PaymentTable = "cos_payment";
    public const string ReceivableTable = "cos_receivable";
    public const string SalesOrderTable = "salesorder";

    private LocalDataverseOverHttp(LocalDataverseEnvironment dataverse, LocalDataverseWebApiServer server, Guid euro, Guid dollar, Guid workerUser)
    {
        WorkerUserId = workerUser;
        Dataverse = dataverse;
        Server = server;
        Euro = euro;
        Dollar = dollar;
    }

    public LocalDataverseEnvironment Dataverse { get; }

    public LocalDataverseWebApiServer Server { get; }

    public Guid Euro { get; }

    /// <summary>The worker's application user: every call with <see cref="WorkerAccessToken"/> runs as this systemuser.</summary>
    public Guid WorkerUserId { get; }

    public Guid Dollar { get; }

    public IOrganizationService Service => Dataverse.GetOrganizationService();

    /// <param name="clock">The environment's clock (plug-ins' now), for tests that move nights; the real time when null.</param>
    public static async Task<LocalDataverseOverHttp> StartAsync(Action<LocalDataverseWebApiOptions>? configure = null, bool withOrderCheck = true, TimeProvider? clock = null)
    {
        var dataverse = clock is null ? new LocalDataverseEnvironment() : new LocalDataverseEnvironment(new CreditOS.LocalDataverse.LocalDataverseOptions { Clock = clock });
        if (withOrderCheck)
        {
            dataverse.RegisterStep(new PluginStepRegistration(
                typeof(OrderCheckStandInPlugin), Guid.NewGuid(), "Create", "salesorder", PipelineStageNumber.PreOperation, false, 1, [], null, null, []));
        }

        var service = dataverse.GetOrganizationService();
        var euro = service.Create(Currency("EUR", "Euro"));
        // The environment's base currency is US Dollar (a transactioncurrency row from organization setup): a second USD row
        // would be a currency code twice, which the worker's currency-by-code reading rightly cannot resolve.
        var dollar = dataverse.BaseCurrencyId;
        var workerUser = ApplicationUsers.Create(dataverse, "creditOS integration worker", WorkerApplicationId);
        ApplicationUsers.AssignRole(dataverse, workerUser, IntegrationRole);
        // Field security profiles are associated with users apart from roles (as on the real platform, where the
        // deployment adds the application user to the profile); without it the secured credit outcome reads as absent.
        dataverse.AssignFieldSecurityProfile(workerUser, dataverse.SolutionFieldSecurityProfileId(IntegrationFieldProfile));
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        options.AccessTokens[WorkerAccessToken] = WorkerApplicationId;
        configure?.Invoke(options);
        var server = await LocalDataverseWebApiServer.StartAsync(dataverse, options);
        return new LocalDataverseOverHttp(dataverse, server, euro, dollar, workerUser);
    }

    public Guid AddAccount(string accountNumber, Guid? currency = null) => Service.Create(new Entity(AccountTable)
    {
        ["name"] = "Customer " + accountNumber,
        [DataverseSchema.Account.AccountNumber] = accountNumber,
        ["transactioncurrencyid"] = new EntityReference(CurrencyTable, currency ?? Euro),
    });

    /// <summary>A raw HTTP client for the service root, carrying the worker's bearer token.</summary>
    /// <summary>
    /// The receivable step rescores asynchronously: waits (up to 10 s) until the accounts' open receivables stop moving,
    /// so a test compares balances with the ledger once the rescorings its messages started have committed.
    /// </summary>
    public async Task WaitForOpenReceivablesToSettleAsync(IEnumerable<Guid> accounts)
    {
        var ids = accounts.ToList();
        var last = "start";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(200);
            var now = string.Join(";", ids.Select(id => Service.Retrieve(AccountTable, id, new ColumnSet("cos_openreceivables")).GetAttributeValue<Money>("cos_openreceivables")?.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    public HttpClient AuthenticatedHttp()
    {
        var http = new HttpClient { BaseAddress = Server.ServiceRoot };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkerAccessToken);
        return http;
    }

    /// <summary>
    /// Every row of a table, page by page. A RetrieveMultiple answers at most 5,000 rows (MoreRecords set), as
    /// Dataverse does; reading only the first page made the full-size ledger run report thousands of payments
    /// that were written as missing.
    /// </summary>
    public IReadOnlyList<Entity> Rows(string table, params string[] columns)
    {
        var rows = new List<Entity>();
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns), PageInfo = new PagingInfo { Count = 5_000, PageNumber = 1 } };
        while (true)
        {
            var page = Service.RetrieveMultiple(query);
            rows.AddRange(page.Entities);
            if (!page.MoreRecords)
            {
                return rows;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

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
