extern alias plugins;

using System.Globalization;
using Microsoft.Xrm.Sdk;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>An ERP open item (cos_receivable): <c>AnInvoice().Of(1_000).IssuedDaysAgo(40).DueAfter(30)</c>.</summary>
internal sealed class ReceivableBuilder
{
    private Guid id = Guid.NewGuid();
    private Guid accountId = CreditTestIds.Customer;
    private string number = "INV-0001";
    private decimal amount = 1_000m;
    private decimal? openAmount;
    private int issuedDaysAgo = 10;
    private int termsDays = 30;
    private int? settledDaysAgo;
    private bool disputed;
    private Guid currency = CreditTestIds.Usd;

    public static ReceivableBuilder AnInvoice() => new();

    /// <summary>A history of invoices for the customer, one every <paramref name="everyDays"/> days, settled on time except the most recent open ones.</summary>
    public static IEnumerable<ReceivableBuilder> AHistoryOf(int count, decimal amount = 1_000m, int everyDays = 1) =>
        Enumerable.Range(0, count).Select(i => AnInvoice()
            .Numbered(i + 1)
            .Of(amount)
            .IssuedDaysAgo(40 + (i * everyDays))
            .SettledDaysAgo(10 + (i * everyDays)));

    public ReceivableBuilder WithId(Guid value) { id = value; return this; }

    public ReceivableBuilder For(Guid value) { accountId = value; return this; }

    public ReceivableBuilder Numbered(int value) { number = "INV-" + value.ToString("D5", CultureInfo.InvariantCulture); return this; }

    public ReceivableBuilder Of(decimal value) { amount = value; return this; }

    public ReceivableBuilder WithOpen(decimal value) { openAmount = value; return this; }

    public ReceivableBuilder IssuedDaysAgo(int value) { issuedDaysAgo = value; return this; }

    public ReceivableBuilder DueAfter(int days) { termsDays = days; return this; }

    public ReceivableBuilder SettledDaysAgo(int? value) { settledDaysAgo = value; return this; }

    public ReceivableBuilder Disputed() { disputed = true; return this; }

    /// <summary>Invoiced in another currency than the tests' dollar (an ERP may invoice one customer in several).</summary>
    public ReceivableBuilder InCurrency(Guid value) { currency = value; return this; }

    public Entity Build()
    {
        var today = CreditTestIds.Today;
        var issued = today.AddDays(-issuedDaysAgo);
        var due = issued.AddDays(termsDays);
        var row = new Entity(Receivable.EntityLogicalName, id)
        {
            [Receivable.Fields.InvoiceNumber] = number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = number,
            [Receivable.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
            [Receivable.Fields.InvoiceDate] = issued,
            [Receivable.Fields.DueDate] = due,
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.IsDisputed] = disputed,
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currency),
        };
        if (settledDaysAgo is { } settledAgo)
        {
            var settled = today.AddDays(-settledAgo);
            row[Receivable.Fields.SettledOn] = settled;
            row[Receivable.Fields.OpenAmount] = new Money(0m);
            row[Receivable.Fields.DaysLate] = Math.Max(0, (settled - due).Days);
        }
        else
        {
            row[Receivable.Fields.OpenAmount] = new Money(openAmount ?? amount);
        }

        return row;
    }

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
