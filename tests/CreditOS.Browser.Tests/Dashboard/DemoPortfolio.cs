extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Observability;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Generator = plugins::CreditOS.CreditEngine.Samples.SamplePortfolioGenerator;
using GroupChoice = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Options = plugins::CreditOS.CreditEngine.Samples.SamplePortfolioOptions;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Dashboard;

/// <summary>
/// The demo's portfolio in the browser's organization: the engine's sample generator with the demo's seed and
/// history (two years to the end of 2025; the organization's today is 2026-01-15), each customer's invoices as the
/// ERP loads them (SYSTEM), its customer group as `creditos demo` maps it, Sam as owner; the nightly set-based rescoring
/// (cos_RescoreAccountPage) scores them, Sam enters an order for every third customer (the credit check approves, holds
/// for Finance or refuses it), and the scheduled batch's KPI snapshot (the integration worker's
/// <see cref="PortfolioKpiSnapshotWriter"/>) is written through the Web API as the worker's application user.
/// </summary>
internal static class DemoPortfolio
{
    /// <summary>Fewer customers than the demo's 120 keep the browser test's set-up short; the generator and seed are the demo's.</summary>
    public const int Customers = 40;

    public static IReadOnlyList<Guid> Load(CrmInTheBrowser crm)
    {
        var system = crm.System;
        var today = crm.Environment.Clock.GetUtcNow().UtcDateTime.Date;
        var euro = new EntityReference("transactioncurrency", system.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id);
        var histories = Generator.Generate(new Options { Customers = Customers, Months = 24, HistoryStart = new DateTime(2024, 1, 1) });
        var ids = new List<Guid>();
        foreach (var history in histories)
        {
            var account = system.Create(new Entity(Account.EntityLogicalName)
            {
                [Account.Fields.Name] = "Customer " + history.CustomerId,
                [Account.Fields.AccountNumber] = history.CustomerId,
                [Account.Fields.TransactionCurrencyId] = euro,
                [Account.Fields.CustomerGroup] = new OptionSetValue((int)GroupOf(history.Segment.CustomerGroup)),
                [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
            });
            ids.Add(account);
            foreach (var invoice in history.Invoices)
            {
                var paid = invoice.SettledDate is { } settled && settled <= today;
                var row = new Entity(Receivable.EntityLogicalName)
                {
                    [Receivable.Fields.InvoiceNumber] = history.CustomerId + "-" + invoice.Id,
                    [Receivable.Fields.SourceSystem] = "ERP",
                    [Receivable.Fields.ErpId] = history.CustomerId + "-" + invoice.Id,
                    [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
                    [Receivable.Fields.InvoiceDate] = invoice.InvoiceDate,
                    [Receivable.Fields.DueDate] = invoice.DueDate,
                    [Receivable.Fields.Amount] = new Money(invoice.Amount),
                    [Receivable.Fields.OpenAmount] = new Money(paid ? 0m : invoice.Amount),
                    [Receivable.Fields.IsDisputed] = invoice.Disputed,
                    [Receivable.Fields.TransactionCurrencyId] = euro,
                    [Receivable.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
                };
                if (paid)
                {
                    row[Receivable.Fields.SettledOn] = invoice.SettledDate;
                }

                system.Create(row);
            }
        }

        system.Execute(new OrganizationRequest(PageApi.UniqueName) { [PageApi.Request.AccountIds] = ids.Select(id => id.ToString("D")).ToArray() });

        // Sam's orders: a quarter, the whole and one and a half times what each third customer has available.
        var sam = crm.Environment.As(FixedIds.SalesRep);
        for (var i = 0; i < ids.Count; i += 3)
        {
            var available = system.Retrieve(Account.EntityLogicalName, ids[i], new ColumnSet(Account.Fields.AvailableCredit)).GetAttributeValue<Money>(Account.Fields.AvailableCredit)?.Value ?? 0m;
            var share = (i / 3 % 3) switch { 0 => 0.25m, 1 => 1.0m, _ => 1.5m };
            sam.Create(new Entity("salesorder")
            {
                ["name"] = "Order of " + histories[i].CustomerId,
                ["customerid"] = new EntityReference(Account.EntityLogicalName, ids[i]),
                ["transactioncurrencyid"] = euro,
                ["totalamount"] = new Money(Math.Round(Math.Max(500m, available * share), 2)),
            });
        }

        return ids;
    }

    /// <summary>The scheduled batch's KPI snapshot: the integration worker's writer, through the Web API, as the worker.</summary>
    public static async Task<PortfolioSnapshot> WriteKpiSnapshotAsync(CrmInTheBrowser crm)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new DataverseOptions
        {
            EnvironmentUrl = crm.DataverseUri,
            Authentication = DataverseAuthentication.LocalToken,
            LocalAccessToken = CrmInTheBrowser.WorkerToken,
        });
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var clock = crm.Environment.Clock;
        using var http = new HttpClient(new BearerTokenHandler(new LocalDataverseToken(options)) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(crm.DataverseUri, options.Value.ApiPath),
        };
        var client = new DataverseWebApiClient(http, options, new WorkerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), clock), clock, NullLogger<DataverseWebApiClient>.Instance);
        return await new PortfolioKpiSnapshotWriter(client, clock).WriteAsync(CancellationToken.None);
    }

    // As `creditos demo` maps the generator's groups (cli Demo/Loading/Segments).
    private static GroupChoice GroupOf(string group) => group switch
    {
        "Key" => GroupChoice.KeyAccount,
        "Regular" => GroupChoice.MidMarket,
        _ => GroupChoice.SmallBusiness,
    };
}
