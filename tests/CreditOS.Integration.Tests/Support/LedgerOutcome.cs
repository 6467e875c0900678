extern alias plugins;

using CreditOS.Integration.Worker.Messages.Canonical;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// What a message stream must leave in Dataverse, however many workers on whichever transport handled it (the one home for
/// the outcome that the ledger reliability test, both several-workers tests and the faulty-stream test assert): exactly the
/// dead letters the stream meant, with their reasons; every valid payment exactly once with the amount of its first
/// message; every invoice with its last amount, its open amount equal to that amount less every valid payment naming it
/// (never below zero) and settled exactly when nothing is open; every account's open receivables equal to the sum of its
/// invoices' open amounts (and its unapplied cash, when the stream states it); every valid order once with its first
/// content. Everything expected is computed from the messages sent (<see cref="ExpectedLedger"/>), never read back.
/// </summary>
internal static class LedgerOutcome
{
    /// <summary>Asserts the whole outcome. <paramref name="deadLetters"/> is what the test drained from the dead-letter queues (message id → reason).</summary>
    public static void Assert(LocalDataverseOverHttp local, ExpectedLedger expected, IReadOnlyDictionary<string, Guid> accounts, IReadOnlyDictionary<string, string> deadLetters)
    {
        // Exactly the dead letters the stream meant, each with its reason.
        Xunit.Assert.Equal(expected.DeadLetters.OrderBy(pair => pair.Key, StringComparer.Ordinal), deadLetters.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        AssertPayments(local, expected.Payments);
        var expectedOpen = expected.OpenAmounts();
        AssertInvoices(local, expected, expectedOpen);
        AssertAccounts(local, expected, accounts, expectedOpen);
        AssertOrders(local, expected.Orders);
    }

    /// <summary>Every valid payment exactly once (no second row), with the amount of its first message (a changed redelivery never overwrote it).</summary>
    private static void AssertPayments(LocalDataverseOverHttp local, IReadOnlyDictionary<string, (decimal Amount, string Invoice)> expected)
    {
        var rows = local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_erpid", "cos_amount");
        var duplicated = rows.GroupBy(row => (string)row["cos_erpid"], StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Xunit.Assert.True(duplicated.Count == 0, $"{duplicated.Count} payment(s) written more than once: {string.Join(", ", duplicated.Take(10))}");
        var payments = rows.ToDictionary(row => (string)row["cos_erpid"], row => row.GetAttributeValue<Money>("cos_amount").Value, StringComparer.Ordinal);
        var lost = expected.Keys.Where(erpId => !payments.ContainsKey(erpId)).Order(StringComparer.Ordinal).ToList();
        Xunit.Assert.True(lost.Count == 0, $"{lost.Count} of {expected.Count} valid payments are neither written nor dead-lettered: {string.Join(", ", lost.Take(10))}");
        Xunit.Assert.Equal(expected.Count, rows.Count);
        Xunit.Assert.Equal(expected.ToDictionary(pair => pair.Key, pair => pair.Value.Amount).OrderBy(pair => pair.Key, StringComparer.Ordinal), payments.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    /// <summary>Every invoice the stream knows and no other: its last amount, the open amount the payments leave, settled exactly when nothing is open.</summary>
    private static void AssertInvoices(LocalDataverseOverHttp local, ExpectedLedger expected, Dictionary<string, decimal> expectedOpen)
    {
        var invoices = local.Rows(LocalDataverseOverHttp.ReceivableTable, Receivable.Fields.ErpId, Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn)
            .ToDictionary(row => (string)row[Receivable.Fields.ErpId], StringComparer.Ordinal);
        Xunit.Assert.Equal(expectedOpen.Keys.Order(StringComparer.Ordinal), invoices.Keys.Order(StringComparer.Ordinal));
        var wrong = expectedOpen
            .Where(pair => invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value != pair.Value
                || invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.Amount).Value != expected.InvoiceAmounts[pair.Key]
                || (invoices[pair.Key].GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) is not null) != (pair.Value == 0))
            .Select(pair => $"{pair.Key}: amount {invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.Amount).Value:0.00} (expected {expected.InvoiceAmounts[pair.Key]:0.00}), open {invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value:0.00} (expected {pair.Value:0.00}), settled on {invoices[pair.Key].GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}")
            .ToList();
        Xunit.Assert.True(wrong.Count == 0, $"{wrong.Count} invoice(s) disagree with the messages: {string.Join("; ", wrong.Take(10))}");
    }

    /// <summary>
    /// Every account's open receivables, as the plug-ins' rescoring left them, equal the sum of its invoices' expected open
    /// amounts; and its unapplied cash what its payments left over, when the stream states it.
    /// </summary>
    private static void AssertAccounts(LocalDataverseOverHttp local, ExpectedLedger expected, IReadOnlyDictionary<string, Guid> accounts, Dictionary<string, decimal> expectedOpen)
    {
        var wrong = new List<string>();
        foreach (var (customer, accountId) in accounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var open = expectedOpen.Where(pair => expected.InvoiceCustomers[pair.Key] == customer).Sum(pair => pair.Value);
            var account = local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, accountId, new ColumnSet("cos_openreceivables", "cos_unappliedcash"));
            var actual = account.GetAttributeValue<Money>("cos_openreceivables")?.Value ?? 0m;
            if (actual != open)
            {
                wrong.Add($"{customer}: open receivables {actual:0.00}, expected {open:0.00}");
            }

            var unapplied = account.GetAttributeValue<Money>("cos_unappliedcash")?.Value ?? 0m;
            if (expected.UnappliedCash is { } cash && unapplied != cash.GetValueOrDefault(customer))
            {
                wrong.Add($"{customer}: unapplied cash {unapplied:0.00}, expected {cash.GetValueOrDefault(customer):0.00}");
            }
        }

        Xunit.Assert.True(wrong.Count == 0, $"{wrong.Count} of {accounts.Count} account(s) disagree with the messages: {string.Join("; ", wrong)}");
    }

    /// <summary>Every valid order once, with its first content. An order is identified by its composite alternate key (cos_channel, cos_channelorderref).</summary>
    private static void AssertOrders(LocalDataverseOverHttp local, IReadOnlyDictionary<string, decimal> expected)
    {
        var rows = local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channel", "cos_channelorderref", "totalamount");
        Xunit.Assert.Equal(expected.Count, rows.Count);
        var orders = rows.ToDictionary(
            row => $"{(SalesChannel)row.GetAttributeValue<OptionSetValue>("cos_channel").Value}:{(string)row["cos_channelorderref"]}",
            row => row.GetAttributeValue<Money>("totalamount").Value,
            StringComparer.Ordinal);
        var lost = expected.Keys.Where(key => !orders.ContainsKey(key)).ToList();
        Xunit.Assert.True(lost.Count == 0, $"{lost.Count} of {expected.Count} valid orders are neither written nor dead-lettered: {string.Join(", ", lost.Take(10))}");
        Xunit.Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), orders.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }
}
