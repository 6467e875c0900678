extern alias plugins;

using System.Security.Cryptography;
using System.Text;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using Generator = plugins::CreditOS.CreditEngine.Samples.SamplePortfolioGenerator;
using Options = plugins::CreditOS.CreditEngine.Samples.SamplePortfolioOptions;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// The engine's sample portfolio loaded into a local Dataverse, the same rows with the same ids each time (so two
/// environments can be compared): every customer's invoices, open orders for one in four (on credit hold for one in
/// eight), bureau reports for one in three (a judgment for one in eleven), and one account the engine cannot score: it
/// is in a custom currency (loyalty points), which has no three-letter ISO code.
/// </summary>
internal sealed class GeneratedPortfolio
{
    private GeneratedPortfolio(IReadOnlyList<Guid> accountIds, Guid unscorable, int heldOrders)
    {
        AccountIds = accountIds;
        Unscorable = unscorable;
        HeldOrders = heldOrders;
    }

    public IReadOnlyList<Guid> AccountIds { get; }

    public Guid Unscorable { get; }

    public int HeldOrders { get; }

    public static GeneratedPortfolio Load(IOrganizationService service, int customers, bool heldOrders = true)
    {
        var histories = Generator.Generate(new Options { Customers = customers, Months = 24, HistoryStart = new DateTime(2024, 1, 1) });
        var ids = new List<Guid>();
        var held = 0;
        var loyaltyPoints = CurrencyBuilder.CreateLoyaltyPoints(service, IdOf("currency/LPTS"));
        for (var index = 0; index < histories.Count; index++)
        {
            var history = histories[index];
            var accountId = IdOf("account/" + history.CustomerId);
            ids.Add(accountId);
            var account = AnAccount().WithId(accountId).Named("Customer " + history.CustomerId).WithLimit(10_000m + (index * 1_000m));
            var currency = index == 5 ? loyaltyPoints : CreditTestIds.Usd;
            service.Create(account.InCurrency(currency).Build());
            foreach (var invoice in history.Invoices)
            {
                service.Create(ReceivableRow(accountId, invoice, currency));
            }

            if (index % 4 == 0)
            {
                var order = new Entity(SalesOrder.EntityLogicalName, IdOf("order/" + history.CustomerId))
                {
                    [SalesOrder.Fields.Name] = "Order of " + history.CustomerId,
                    [SalesOrder.Fields.CustomerId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
                    [SalesOrder.Fields.TotalAmount] = new Money(2_000m + (index * 150m)),
                    [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, CreditTestIds.Usd),
                };
                if (heldOrders && index % 8 == 0)
                {
                    order[SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.OnHold);
                    order[SalesOrder.Fields.HoldReasonCode] = "OverLimit";
                    held++;
                }

                service.Create(order);
            }

            if (index % 3 == 0)
            {
                for (var report = 0; report < 3; report++)
                {
                    var builder = ABureauReport().For(accountId).WithSolvency(40 + ((index * 7 + report * 13) % 60)).ReportedDaysAgo(30 + (report * 120));
                    service.Create((index % 11 == 0 && report == 0 ? builder.WithJudgment() : builder).Build());
                }
            }
        }

        return new GeneratedPortfolio(ids, ids[5], held);
    }

    private static Entity ReceivableRow(Guid accountId, plugins::CreditOS.CreditEngine.History.InvoiceRecord invoice, Guid currency)
    {
        var row = new Entity(Receivable.EntityLogicalName, IdOf("invoice/" + accountId + "/" + invoice.Id))
        {
            [Receivable.Fields.InvoiceNumber] = invoice.Id,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = accountId.ToString("N")[..8] + "-" + invoice.Id,
            [Receivable.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
            [Receivable.Fields.InvoiceDate] = invoice.InvoiceDate,
            [Receivable.Fields.DueDate] = invoice.DueDate,
            [Receivable.Fields.Amount] = new Money(invoice.Amount),
            [Receivable.Fields.OpenAmount] = new Money(invoice.SettledDate is { } paid && paid <= CreditTestIds.Today ? 0m : invoice.Amount),
            [Receivable.Fields.IsDisputed] = invoice.Disputed,
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currency),
        };
        if (invoice.SettledDate is { } settled && settled <= CreditTestIds.Today)
        {
            row[Receivable.Fields.SettledOn] = settled;
        }

        return row;
    }

    private static Guid IdOf(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes(name)));
}
