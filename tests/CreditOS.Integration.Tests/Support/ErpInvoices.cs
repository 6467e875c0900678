extern alias plugins;

using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Support;

/// <summary>ERP invoices in euro for the nightly rescoring tests: due 30 days after issue, paid (settled) or open.</summary>
internal static class ErpInvoices
{
    /// <summary>Adds an invoice numbered as its ERP id; with <paramref name="settledOn"/> it is paid, <paramref name="daysLate"/> days late.</summary>
    public static Guid Add(LocalDataverseOverHttp local, Guid account, string number, DateTime issued, decimal amount, decimal open, DateTime? settledOn = null, int daysLate = 0)
    {
        var row = new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = number,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = number,
            [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [Receivable.Fields.InvoiceDate] = issued,
            [Receivable.Fields.DueDate] = issued.AddDays(30),
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.OpenAmount] = new Money(open),
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(LocalDataverseOverHttp.CurrencyTable, local.Euro),
        };
        if (settledOn is { } settled)
        {
            row[Receivable.Fields.SettledOn] = settled;
            row[Receivable.Fields.DaysLate] = daysLate;
        }

        return local.Service.Create(row);
    }
}
