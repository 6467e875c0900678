extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Reliability;

/// <summary>
/// What a ledger stream must leave in Dataverse, however many workers on whichever transport handled it (one home for the
/// outcome that <see cref="LedgerReliabilityTests"/>, the AMQP several-workers test and the Service Bus several-workers test
/// assert): exactly the dead letters the stream meant, with their reasons, a changed redelivery among them; every valid
/// payment exactly once with the amount of its first message; every invoice with its last amount, its open amount equal to
/// that amount less every valid payment naming it and settled exactly when nothing is open; every account's open
/// receivables equal to the sum of its invoices' open amounts; every valid order once with its first content. Everything
/// expected is computed from the messages sent, never read back from Dataverse.
/// </summary>
internal static class LedgerOutcome
{
    /// <summary>
    /// Asserts the whole outcome. <paramref name="deadLetters"/> is what the test drained from the dead-letter queues (message id
    /// → reason); <paramref name="extraPayments"/> are valid payments the test sent beside the stream (erp id → amount, invoice).
    /// </summary>
    public static void Assert(
        LocalDataverseOverHttp local,
        LedgerStream stream,
        IReadOnlyDictionary<string, Guid> accounts,
        IReadOnlyDictionary<string, string> deadLetters,
        IReadOnlyDictionary<string, (decimal Amount, string Invoice)>? extraPayments = null)
    {
        // Exactly the dead letters the stream meant, each with its reason; a changed redelivery of a posted payment among them.
        Xunit.Assert.Equal(stream.ExpectedDeadLetters.OrderBy(pair => pair.Key, StringComparer.Ordinal), deadLetters.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Xunit.Assert.Contains(RejectionReasons.PostedPaymentChanged, deadLetters.Values);

        var expectedPayments = stream.Payments.Concat(extraPayments ?? new Dictionary<string, (decimal Amount, string Invoice)>())
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        AssertPayments(local, expectedPayments);
        var expectedOpen = stream.InvoiceAmounts.ToDictionary(
            pair => pair.Key,
            pair => pair.Value - expectedPayments.Values.Where(payment => payment.Invoice == pair.Key).Sum(payment => payment.Amount),
            StringComparer.Ordinal);
        AssertInvoices(local, stream, expectedOpen);
        AssertAccounts(local, stream, accounts, expectedOpen);
        AssertOrders(local, stream);
    }

    /// <summary>Every valid payment exactly once (no second row), with the amount of its first message (a changed redelivery never overwrote it).</summary>
    private static void AssertPayments(LocalDataverseOverHttp local, Dictionary<string, (decimal Amount, string Invoice)> expected)
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
    private static void AssertInvoices(LocalDataverseOverHttp local, LedgerStream stream, Dictionary<string, decimal> expectedOpen)
    {
        var invoices = local.Rows(LocalDataverseOverHttp.ReceivableTable, Receivable.Fields.ErpId, Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn)
            .ToDictionary(row => (string)row[Receivable.Fields.ErpId], StringComparer.Ordinal);
        Xunit.Assert.Equal(expectedOpen.Keys.Order(StringComparer.Ordinal), invoices.Keys.Order(StringComparer.Ordinal));
        var wrong = expectedOpen
            .Where(pair => invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value != pair.Value
                || invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.Amount).Value != stream.InvoiceAmounts[pair.Key]
                || (invoices[pair.Key].GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) is not null) != (pair.Value == 0))
            .Select(pair => $"{pair.Key}: amount {invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.Amount).Value:0.00} (expected {stream.InvoiceAmounts[pair.Key]:0.00}), open {invoices[pair.Key].GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value:0.00} (expected {pair.Value:0.00}), settled on {invoices[pair.Key].GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}")
            .ToList();
        Xunit.Assert.True(wrong.Count == 0, $"{wrong.Count} invoice(s) disagree with the messages: {string.Join("; ", wrong.Take(10))}");
    }

    /// <summary>Every account's open receivables, as the plug-ins' rescoring left them, equal the sum of its invoices' expected open amounts.</summary>
    private static void AssertAccounts(LocalDataverseOverHttp local, LedgerStream stream, IReadOnlyDictionary<string, Guid> accounts, Dictionary<string, decimal> expectedOpen)
    {
        var wrong = new List<string>();
        foreach (var (customer, accountId) in accounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var expected = expectedOpen.Where(pair => stream.InvoiceCustomers[pair.Key] == customer).Sum(pair => pair.Value);
            var actual = local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, accountId, new ColumnSet("cos_openreceivables")).GetAttributeValue<Money>("cos_openreceivables")?.Value ?? 0m;
            if (actual != expected)
            {
                wrong.Add($"{customer}: open receivables {actual:0.00}, expected {expected:0.00}");
            }
        }

        Xunit.Assert.True(wrong.Count == 0, $"{wrong.Count} of {accounts.Count} account(s) disagree with the messages: {string.Join("; ", wrong)}");
    }

    /// <summary>Every valid order once, with its first content. An order is identified by its composite alternate key (cos_channel, cos_channelorderref).</summary>
    private static void AssertOrders(LocalDataverseOverHttp local, LedgerStream stream)
    {
        var rows = local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channel", "cos_channelorderref", "totalamount");
        Xunit.Assert.Equal(stream.Orders.Count, rows.Count);
        var orders = rows.ToDictionary(
            row => $"{(SalesChannel)row.GetAttributeValue<OptionSetValue>("cos_channel").Value}:{(string)row["cos_channelorderref"]}",
            row => row.GetAttributeValue<Money>("totalamount").Value,
            StringComparer.Ordinal);
        var lost = stream.Orders.Keys.Where(key => !orders.ContainsKey(key)).ToList();
        Xunit.Assert.True(lost.Count == 0, $"{lost.Count} of {stream.Orders.Count} valid orders are neither written nor dead-lettered: {string.Join(", ", lost.Take(10))}");
        Xunit.Assert.Equal(stream.Orders.OrderBy(pair => pair.Key, StringComparer.Ordinal), orders.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }
}
