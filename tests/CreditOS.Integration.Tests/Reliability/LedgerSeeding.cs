extern alias plugins;

using CreditOS.Integration.Tests.Support;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using TransactionCurrency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;

namespace CreditOS.Integration.Tests.Reliability;

/// <summary>What a ledger stream starts from, the same for every test that sends one: its customers and their seeded open invoices.</summary>
internal static class LedgerSeeding
{
    /// <summary>Creates the stream's customers (customer number → account id) and their seeded invoices, issued five days ago.</summary>
    public static Dictionary<string, Guid> SeedLedger(this LocalDataverseOverHttp local, LedgerStream stream)
    {
        var accounts = Enumerable.Range(0, LedgerStream.Customers).ToDictionary(LedgerStream.Customer, customer => local.AddAccount(LedgerStream.Customer(customer)), StringComparer.Ordinal);
        var issued = DateTime.UtcNow.Date.AddDays(-5);
        foreach (var (erpId, customer) in stream.SeededInvoices)
        {
            local.Service.Create(new Entity(Receivable.EntityLogicalName)
            {
                [Receivable.Fields.InvoiceNumber] = "INV-" + erpId,
                [Receivable.Fields.SourceSystem] = "SAP",
                [Receivable.Fields.ErpId] = erpId,
                [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accounts[customer]),
                [Receivable.Fields.InvoiceDate] = issued,
                [Receivable.Fields.DueDate] = issued.AddDays(30),
                [Receivable.Fields.Amount] = new Money(LedgerStream.SeededInvoiceAmount),
                [Receivable.Fields.OpenAmount] = new Money(LedgerStream.SeededInvoiceAmount),
                [Receivable.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, local.Euro),
            });
        }

        return accounts;
    }
}
