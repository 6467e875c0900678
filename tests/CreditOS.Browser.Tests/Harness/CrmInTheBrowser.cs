extern alias plugins;
extern alias workflows;

using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using CreditOS.Testing.Security;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// A creditOS organization a browser can use: the local Dataverse with the solution's metadata, roles and plug-ins
/// and the credit configuration, served by its Web API (strict, security enforced) behind a <see cref="WebResourceHost"/>.
/// The usual people (Ada admin, Carl credit, Fiona finance, Sam sales) each have a bearer token; a page opened as one
/// of them acts with exactly that person's roles and field security profiles.
/// </summary>
public sealed class CrmInTheBrowser : IAsyncDisposable
{
    private readonly ChromiumFixture _chromium;
    private readonly LocalDataverseWebApiServer _server;
    private readonly Dictionary<Guid, BrowserUser> _users;
    private readonly List<IBrowserContext> _contexts = [];

    private CrmInTheBrowser(ChromiumFixture chromium, DataverseTestContext environment, LocalDataverseWebApiServer server, WebResourceHost host, Dictionary<Guid, BrowserUser> users)
    {
        _chromium = chromium;
        Environment = environment;
        _server = server;
        Host = host;
        _users = users;
    }

    /// <summary>The local Dataverse (Service acts as Ada, System as SYSTEM, As(user) as anyone).</summary>
    public DataverseTestContext Environment { get; }

    /// <summary>SYSTEM: for arranging credit figures no person may write (as the credit flow and ERP imports do).</summary>
    public IOrganizationService System => Environment.System;

    public WebResourceHost Host { get; }

    public static async Task<CrmInTheBrowser> StartAsync(ChromiumFixture chromium)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        // Both deployable assemblies: the approval plug-ins and Custom APIs live in the workflow assembly, and its
        // processes (routing held orders to Finance, escalation) run as the solution activates them.
        var approvals = typeof(workflows::CreditOS.Workflows.Plugins.DecideCreditApprovalPlugin).Assembly;
        var environment = DataverseTestBuilder.ALocalDataverse()
            .WithPluginAssembly(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin).Assembly)
            .WithPluginAssembly(approvals)
            .Build();
        SeedCreditConfiguration(environment);
        environment.Dataverse.ActivateProcesses([approvals]);
        // Colin collects: the Collector role only (the worklist page's reader).
        environment.AUser("Colin Collector").WithId(CollectorId).WithRole(SolutionRoles.Collector).Create();
        // The integration worker's application user (Integration role, Integration Readers profile): the scheduled batch's
        // KPI snapshot is written through the Web API as it (WorkerToken).
        environment.AUser("Integration Worker").WithId(IntegrationWorkerId).WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
        // Dana: a second Credit Administrator, who reviews and applies what Carl proposes (four-eyes on configuration).
        environment.AUser("Dana Credit").WithId(SecondCreditAdministratorId).WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create();
        var users = new Dictionary<Guid, BrowserUser>
        {
            [SecondCreditAdministratorId] = new(SecondCreditAdministratorId, "Dana Credit", "local-browser-token-dana"),
            [CollectorId] = new(CollectorId, "Colin Collector", "local-browser-token-colin"),
            [FixedIds.AdminUser] = new(FixedIds.AdminUser, "Ada Admin", "local-browser-token-ada"),
            [FixedIds.CreditOfficer] = new(FixedIds.CreditOfficer, "Carl Credit", "local-browser-token-carl"),
            [FixedIds.FinanceApprover] = new(FixedIds.FinanceApprover, "Fiona Finance", "local-browser-token-fiona"),
            [FixedIds.SalesRep] = new(FixedIds.SalesRep, "Sam Sales", "local-browser-token-sam"),
            [IntegrationWorkerId] = new(IntegrationWorkerId, "Integration Worker", WorkerToken),
        };
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        foreach (var user in users.Values)
        {
            // The person signs in through their own Entra identity: the token maps to their systemuser by applicationid.
            var applicationId = Guid.NewGuid();
            environment.System.Update(new Entity("systemuser", user.Id)
            {
                ["applicationid"] = applicationId,
                ["domainname"] = user.Name.Split(' ')[0].ToLowerInvariant() + "@creditos.example",
            });
            options.AccessTokens[user.Token] = applicationId;
        }

        var server = await LocalDataverseWebApiServer.StartAsync(environment.Dataverse, options);
        var host = await WebResourceHost.StartAsync(server, SolutionFolder(), users.Values.ToDictionary(user => user.Token, StringComparer.Ordinal));
        return new CrmInTheBrowser(chromium, environment, server, host, users);
    }

    /// <summary>Dana, a second Credit Administrator (Credit Configurers profile): the one who applies Carl's configuration changes.</summary>
    public static readonly Guid SecondCreditAdministratorId = Guid.Parse("c0000000-0000-4000-8000-00000000da7a");

    /// <summary>The integration worker's application user and the bearer token it calls the Web API with.</summary>
    public static readonly Guid IntegrationWorkerId = Guid.Parse("c0000000-0000-4000-8000-0000000011a7");

    public const string WorkerToken = "local-browser-token-worker";

    /// <summary>The local Dataverse Web API's own address (for the integration worker's client).</summary>
    public Uri DataverseUri => _server.BaseUri;

    /// <summary>Opens a solution dashboard in the app, signed in as the user; returns once its charts are drawn.</summary>
    public async Task<IPage> OpenDashboardAsync(Guid userId, Guid dashboardId)
    {
        var page = await NewPageAsync(userId);
        var response = await page.GotoAsync(Host.DashboardUri(dashboardId).AbsoluteUri);
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"The dashboard did not open: {response?.Status} {(response is null ? string.Empty : await response.TextAsync())}");
        }

        await page.WaitForSelectorAsync("body[data-state='ready']");
        return page;
    }

    /// <summary>Colin, the collector the browser tests sign in as (creditOS Collector role only).</summary>
    public static readonly Guid CollectorId = Guid.Parse("c0000000-0000-4000-8000-00000000c0b1");

    /// <summary>Opens a site-map web resource page in the app shell, signed in as the user; returns once the shell framed it.</summary>
    public async Task<FormPage> OpenPageAsync(Guid userId, string webResourceName)
    {
        var page = await NewPageAsync(userId);
        var shell = new FormPage(page);
        await page.GotoAsync(Host.PageUri(webResourceName).AbsoluteUri);
        await shell.WaitUntilAsync("XrmStandIn.state.formReady || XrmStandIn.state.failures.length > 0");
        await shell.AssertNoStandInFailuresAsync();
        return shell;
    }

    /// <summary>Opens the table's main form on the row, signed in as the user; returns once the form has loaded its record.</summary>
    public async Task<FormPage> OpenFormAsync(Guid userId, string table, Guid id)
    {
        var page = await NewPageAsync(userId);
        var formPage = new FormPage(page);
        await page.GotoAsync(Host.FormUri(table, id).AbsoluteUri);
        await formPage.WaitUntilAsync("XrmStandIn.state.formReady || XrmStandIn.state.failures.length > 0");
        await formPage.AssertNoStandInFailuresAsync();
        return formPage;
    }

    private async Task<IPage> NewPageAsync(Guid userId)
    {
        var user = _users.GetValueOrDefault(userId) ?? throw new ArgumentException($"No browser sign-in is set up for user {userId}.", nameof(userId));
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + user.Token },
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        _contexts.Add(context);
        context.SetDefaultTimeout((float)BrowserTimeouts.Condition.TotalMilliseconds);
        var page = await context.NewPageAsync();
        // The browser's today is the organization's today (the local Dataverse runs on a fake clock).
        await page.Clock.SetFixedTimeAsync(Environment.Clock.GetUtcNow().UtcDateTime);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await Host.DisposeAsync();
        await _server.DisposeAsync();
        Environment.Dispose();
    }

    private static void SeedCreditConfiguration(DataverseTestContext environment)
    {
        var system = environment.System;
        // The solution's approval data (queues, default route, environment variables): a rescoring may raise a limit review.
        ApprovalsSolutionData.Import(environment.Dataverse, system);
        system.Create(new Entity("transactioncurrency")
        {
            ["isocurrencycode"] = "EUR",
            ["currencyname"] = "Euro",
            ["currencysymbol"] = "€",
            ["exchangerate"] = 1m,
            ["currencyprecision"] = 2,
        });
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        Guid IdOf(string code) => ids.TryGetValue(code, out var id) ? id : ids[code] = Guid.NewGuid();
        foreach (var row in plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords.SeedRows(
            plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create(), IdOf, IdOf))
        {
            system.Create(row);
        }
    }

    private static string SolutionFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Repository root (CreditOS.Crm.sln) not found above the test binaries.")
            : Path.Combine(directory.FullName, "solution");
    }
}
