extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using BureauReport = plugins::CreditOS.Dataverse.Model.BureauReport;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.CreditPanel;

/// <summary>
/// A customer of Sam's with everything the credit panel shows: open items in every aging bucket (one disputed, one
/// settled), promises to pay this year and last, two bureau reports, and an order over the limit that the credit
/// flow holds for Finance. Rows arrive as the ERP and the credit flow write them (SYSTEM); plug-ins score the customer.
/// </summary>
internal sealed class CustomerWithACreditPicture
{
    public static readonly (string Invoice, int DaysPastDue, decimal Open, bool Disputed)[] OpenItems =
    [
        ("INV-CUR", -10, 4_000m, false),
        ("INV-D05", 5, 2_500m, false),
        ("INV-D45", 45, 1_750m, true),
        ("INV-D75", 75, 900m, false),
        ("INV-D120", 120, 3_100m, false),
    ];

    public required Guid AccountId { get; init; }

    public required Guid EuroId { get; init; }

    public static CustomerWithACreditPicture CreateIn(CrmInTheBrowser crm)
    {
        var system = crm.System;
        var today = crm.Environment.Clock.GetUtcNow().UtcDateTime.Date;
        var euro = system.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;
        var account = system.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Fabrikam Tools",
            [Account.Fields.AccountNumber] = "P-2001",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", euro),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
        var currency = new EntityReference("transactioncurrency", euro);
        var customer = new EntityReference(Account.EntityLogicalName, account);

        // A year of paid invoices gives the scoring a history; then the open items.
        for (var month = 1; month <= 8; month++)
        {
            var issued = today.AddDays(-30 * month - 40);
            system.Create(Invoice(customer, currency, $"INV-PAID-{month:D2}", issued, issued.AddDays(30), 6_000m, open: 0m, settledOn: issued.AddDays(31), disputed: false));
        }

        foreach (var (invoice, daysPastDue, open, disputed) in OpenItems)
        {
            var due = today.AddDays(-daysPastDue);
            system.Create(Invoice(customer, currency, invoice, due.AddDays(-30), due, open + 1_000m, open, settledOn: null, disputed));
        }

        Promise(system, customer, "Promise open", 500m, today.AddDays(10), plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Open);
        Promise(system, customer, "Promise kept 1", 300m, today.AddDays(-10), plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Kept);
        Promise(system, customer, "Promise kept 2", 200m, today.AddDays(-5), plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Kept);
        Promise(system, customer, "Promise broken", 1_000m, today.AddDays(-3), plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Broken);
        Promise(system, customer, "Promise kept last year", 4_000m, new DateTime(today.Year - 1, 12, 20, 0, 0, 0, DateTimeKind.Utc), plugins::CreditOS.Dataverse.Model.PromiseToPayStatus.Kept);

        Bureau(system, customer, "BR-1", today.AddDays(-100), solvency: 62, rating: plugins::CreditOS.Dataverse.Model.BureauReportRating.B, recommended: 80_000m, lien: true);
        Bureau(system, customer, "BR-2", today.AddDays(-5), solvency: 70, rating: plugins::CreditOS.Dataverse.Model.BureauReportRating.C, recommended: 60_000m, lien: false);

        // (The lien is on the older report: a privilege on the latest one suspends the customer, and the order would be refused.)
        // Sam enters an order beyond what is available: the credit flow holds it and asks Finance.
        var available = system.Retrieve(Account.EntityLogicalName, account, new ColumnSet(Account.Fields.AvailableCredit)).GetAttributeValue<Money>(Account.Fields.AvailableCredit)?.Value ?? 0m;
        crm.Environment.As(FixedIds.SalesRep).Create(new Entity("salesorder")
        {
            ["name"] = "Tooling refit",
            ["customerid"] = customer,
            ["transactioncurrencyid"] = currency,
            ["totalamount"] = new Money(Math.Max(0m, available) + 12_000m),
        });

        return new CustomerWithACreditPicture { AccountId = account, EuroId = euro };
    }

    private static Entity Invoice(EntityReference customer, EntityReference currency, string number, DateTime issued, DateTime due, decimal amount, decimal open, DateTime? settledOn, bool disputed)
    {
        var row = new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = number,
            [Receivable.Fields.AccountId] = customer,
            [Receivable.Fields.InvoiceDate] = issued,
            [Receivable.Fields.DueDate] = due,
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.OpenAmount] = new Money(open),
            [Receivable.Fields.IsDisputed] = disputed,
            [Receivable.Fields.TransactionCurrencyId] = currency,
            [Receivable.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        };
        if (settledOn is { } settled)
        {
            row[Receivable.Fields.SettledOn] = settled;
            row[Receivable.Fields.DaysLate] = 1;
        }

        return row;
    }

    private static void Promise(IOrganizationService system, EntityReference customer, string name, decimal amount, DateTime promisedFor, plugins::CreditOS.Dataverse.Model.PromiseToPayStatus status) =>
        system.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = name,
            [PromiseToPay.Fields.AccountId] = customer,
            [PromiseToPay.Fields.Amount] = new Money(amount),
            [PromiseToPay.Fields.PromisedOn] = promisedFor.AddDays(-7),
            [PromiseToPay.Fields.PromisedFor] = promisedFor,
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)status),
            [PromiseToPay.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });

    private static void Bureau(IOrganizationService system, EntityReference customer, string externalId, DateTime reportDate, int solvency, plugins::CreditOS.Dataverse.Model.BureauReportRating rating, decimal recommended, bool lien) =>
        system.Create(new Entity(BureauReport.EntityLogicalName)
        {
            [BureauReport.Fields.Name] = externalId,
            [BureauReport.Fields.AccountId] = customer,
            [BureauReport.Fields.Bureau] = "Creditreform",
            [BureauReport.Fields.ExternalId] = externalId,
            [BureauReport.Fields.SolvencyScore] = solvency,
            [BureauReport.Fields.Rating] = new OptionSetValue((int)rating),
            [BureauReport.Fields.RecommendedCredit] = new Money(recommended),
            [BureauReport.Fields.DbtScore] = 12,
            [BureauReport.Fields.HasJudgment] = false,
            [BureauReport.Fields.HasLien] = lien,
            [BureauReport.Fields.ReportDate] = reportDate,
            [BureauReport.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
}
