extern alias plugins;

using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// An open invoice in another currency than the base (session 35): GBP-1, GBP 1,000.00 at 0.5 pounds to the base currency
/// (2,000.00 in it), 45 days past due (the 31–60 days bucket), Sam's. Summing cos_openamount adds the pounds as they stand.
/// </summary>
internal static class InvoiceInPounds
{
    public const string Number = "GBP-1";
    public const decimal Open = 1_000m;
    public const decimal OpenInBase = 2_000m;
    public const int DaysPastDue = 45;

    public static Guid CreateFor(CrmInTheBrowser crm, Guid accountId)
    {
        var pound = crm.System.Create(new Entity("transactioncurrency")
        {
            ["isocurrencycode"] = "GBP",
            ["currencyname"] = "Pound Sterling",
            ["currencysymbol"] = "£",
            ["exchangerate"] = Open / OpenInBase,
            ["currencyprecision"] = 2,
        });
        var today = crm.Environment.Clock.GetUtcNow().UtcDateTime.Date;
        return crm.System.Create(new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = Number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = Number,
            [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accountId),
            [Receivable.Fields.InvoiceDate] = today.AddDays(-DaysPastDue - 30),
            [Receivable.Fields.DueDate] = today.AddDays(-DaysPastDue),
            [Receivable.Fields.Amount] = new Money(Open),
            [Receivable.Fields.OpenAmount] = new Money(Open),
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", pound),
            [Receivable.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
    }
}
