extern alias plugins;

using System.Globalization;
using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CsCheck;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using PaymentReversals = CreditOS.CreditEngine.Ledger.PaymentReversals;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Reversals;

/// <summary>
/// Session 14, randomized (CsCheck draws the seed of each stream): an ERP ledger of three invoices lives through payments and
/// reversals (bounces) of them; after every change it exports the invoice's open item (amount, open amount; the broker's
/// sequence number is its version), and an invoice's first export may come after its first payment. creditOS receives that
/// stream with duplicates and reordering (a message may overtake up to <see cref="ReorderWindow"/> others), as the worker
/// hands them to Dataverse: an older open item is superseded, a payment naming an invoice not yet there and a reversal of
/// a payment not yet there wait and come again, a duplicate changes nothing. Through the local pipeline with every plug-in,
/// at the end every invoice's open amount and the account's open receivables equal the ERP ledger's, and no cash is left
/// unapplied (the ERP applied every payment to the invoice it names).
/// <para>
/// Replayed reversals (added after the streams above, drawn from a second generator seeded from the stream's seed so every
/// earlier seed still draws the same ERP stream and delivery): a faulty or replayed feed sends a reversal the ERP issued for
/// one payment naming another payment. It is delivered after its own reversal is applied (a replay repeats what was sent;
/// one arriving before the genuine one cannot be told from it) and must be refused (one ERP reversal reverses one payment,
/// SubErrorCode 0xA0C00114, or 0xA0C00111 when the payment it names is reversed already) and change no figure.
/// </para>
/// </summary>
public sealed class ErpLedgerStreamPropertyTests
{
    private const int ReorderWindow = 4;
    private const string Scope = "erp.test/receivables";

    [Fact]
    public void EveryInvoiceAndTheAccount_EndAtTheErpLedger_WhateverTheOrderAndTheDuplicates() =>
        Gen.Int[0, int.MaxValue].Sample(seed => Stream(seed), iter: 40, threads: 1);

    private static void Stream(int seed)
    {
        var random = new Random(seed);
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        // The ERP's ledger and the messages it sends, in its order.
        var amounts = Enumerable.Range(1, 3).ToDictionary(number => number, _ => random.Next(4, 40) * 50m);
        var open = amounts.ToDictionary(pair => pair.Key, pair => pair.Value);
        var exported = new HashSet<int>();
        var payments = new List<(string Id, int Invoice, decimal Amount, bool Reversed)>();
        var sent = new List<Message>();
        void Export(int invoice) => sent.Add(new Message(MessageKind.OpenItem, invoice, null, amounts[invoice], open[invoice], sent.Count + 1));
        foreach (var invoice in amounts.Keys.Where(_ => random.Next(10) < 7))
        {
            Export(invoice);
            exported.Add(invoice);
        }

        for (var step = random.Next(5, 12); step > 0; step--)
        {
            var active = payments.Where(p => !p.Reversed).ToList();
            var payable = open.Where(pair => pair.Value > 0).Select(pair => pair.Key).ToList();
            if (payable.Count > 0 && (active.Count == 0 || random.Next(10) < 6))
            {
                var invoice = payable[random.Next(payable.Count)];
                var paid = Math.Min(open[invoice], random.Next(1, 30) * 25m);
                var id = "PAY-" + (payments.Count + 1).ToString(CultureInfo.InvariantCulture);
                payments.Add((id, invoice, paid, false));
                open[invoice] -= paid;
                sent.Add(new Message(MessageKind.Payment, invoice, id, paid, 0m, sent.Count + 1));
            }
            else if (active.Count > 0)
            {
                var bounced = active[random.Next(active.Count)];
                payments[payments.IndexOf(bounced)] = bounced with { Reversed = true };
                open[bounced.Invoice] += bounced.Amount;
                sent.Add(new Message(MessageKind.Reversal, bounced.Invoice, bounced.Id, bounced.Amount, 0m, sent.Count + 1));
            }
            else
            {
                continue;
            }

            var changed = sent[^1].Invoice;
            if (exported.Add(changed) || random.Next(10) < 8)
            {
                Export(changed);
            }
        }

        foreach (var invoice in amounts.Keys)
        {
            // Every invoice is exported as the ERP holds it at the end (its latest open item).
            Export(invoice);
        }

        // What creditOS receives: reordered within the window, some messages twice.
        var delivered = sent
            .Select(message => (Key: sent.IndexOf(message) + random.Next(0, ReorderWindow + 1) + random.NextDouble() / 2, message))
            .Concat(sent.Where(_ => random.Next(10) < 2).Select(message => (Key: sent.IndexOf(message) + random.Next(1, 8) + 0.75, message)))
            .OrderBy(pair => pair.Key)
            .Select(pair => pair.message)
            .ToList();
        ReplayReversals(new Random(unchecked(seed * 31 + 7)), payments.Select(p => (p.Id, p.Invoice)).ToList(), delivered);
        var queue = new Queue<(Message Message, int Attempts)>(delivered.Select(message => (message, 0)));
        while (queue.Count > 0)
        {
            var (message, attempts) = queue.Dequeue();
            if (!Handle(world, message))
            {
                Assert.True(attempts < 50, "Message " + message + " waited 50 times (seed " + seed + ").");
                queue.Enqueue((message, attempts + 1));
            }
        }

        var why = "seed " + seed + ", ERP messages: " + string.Join(" ", sent) + "; delivered: " + string.Join(" ", delivered.Select(m => m.Sequence));
        foreach (var invoice in amounts.Keys)
        {
            Assert.True(open[invoice] == OpenOf(world, invoice), "INV-" + invoice + ": ERP open " + open[invoice] + ", creditOS " + OpenOf(world, invoice) + " (" + why + ")");
        }

        Assert.True(open.Values.Sum() == world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables), "open receivables (" + why + ")");
        Assert.True(world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash) == 0m, "unapplied cash " + world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash) + " (" + why + ")");
    }

    /// <summary>Inserts, after a genuine reversal's delivery, a replay of its reversal id naming another payment of the stream.</summary>
    private static void ReplayReversals(Random random, List<(string Id, int Invoice)> payments, List<Message> delivered)
    {
        var reversals = delivered.Where(m => m.Kind == MessageKind.Reversal).Select(m => m.Payment!).Distinct().ToList();
        foreach (var reversed in reversals)
        {
            var others = payments.Where(p => p.Id != reversed).ToList();
            if (others.Count == 0 || random.Next(10) >= 4)
            {
                continue;
            }

            var target = others[random.Next(others.Count)];
            var after = delivered.FindIndex(m => m.Kind == MessageKind.Reversal && m.Payment == reversed);
            delivered.Insert(random.Next(after + 1, delivered.Count + 1), new Message(MessageKind.ReplayedReversal, target.Invoice, target.Id, 0m, 0m, 9_000 + delivered.Count) { ReversalOf = reversed });
        }
    }

    /// <returns>False when the message must wait (its invoice or payment is not there yet).</returns>
    private static bool Handle(CreditWorld world, Message message)
    {
        var number = "INV-" + message.Invoice.ToString("D5", CultureInfo.InvariantCulture);
        switch (message.Kind)
        {
            case MessageKind.OpenItem:
                var existing = Find(world, Receivable.EntityLogicalName, Receivable.Fields.ErpId, number);
                if (existing is null)
                {
                    var row = AnInvoice().Numbered(message.Invoice).Of(message.Amount).WithOpen(message.Open).SettledDaysAgo(null).Build();
                    row[Receivable.Fields.SourceVersion] = message.Sequence;
                    row[Receivable.Fields.SourceVersionScope] = Scope;
                    world.Service.Create(row);
                    return true;
                }

                try
                {
                    world.Service.Update(new Entity(Receivable.EntityLogicalName, existing.Id)
                    {
                        [Receivable.Fields.Amount] = new Money(message.Amount),
                        [Receivable.Fields.OpenAmount] = new Money(message.Open),
                        [Receivable.Fields.SourceVersion] = message.Sequence,
                        [Receivable.Fields.SourceVersionScope] = Scope,
                    });
                }
                catch (FaultException<OrganizationServiceFault> fault) when ((fault.Detail?.Message ?? fault.Message).Contains("superseded", StringComparison.Ordinal))
                {
                    // An older open item after a newer one: completed, nothing applied (session 11).
                }

                return true;
            case MessageKind.Payment:
                if (Find(world, Payment.EntityLogicalName, Payment.Fields.ErpId, message.Payment!) is not null)
                {
                    return true; // the same payment again: the worker's read-back finds it posted
                }

                if (Find(world, Receivable.EntityLogicalName, Receivable.Fields.ErpId, number) is null)
                {
                    return false;
                }

                APayment().WithErpId(message.Payment!).Of(message.Amount).Settling(number).Create(world.Service);
                return true;
            case MessageKind.ReplayedReversal:
                var named = Find(world, Payment.EntityLogicalName, Payment.Fields.ErpId, message.Payment!);
                var reused = "REV-" + message.ReversalOf;
                if (named is null || Find(world, Payment.EntityLogicalName, Payment.Fields.ErpId, message.ReversalOf!)?.GetAttributeValue<string>(Payment.Fields.ReversalId) != reused)
                {
                    return false; // a replay comes after the genuine reversal is applied, and names a payment creditOS has
                }

                var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => ReversalWorld.Reverse(world.Service, message.Payment!, reused, "bounced cheque")).Detail;
                var expected = named.GetAttributeValue<string>(Payment.Fields.ReversalId) is null ? PaymentReversals.InUseErrorCode : PaymentReversals.AlreadyReversedErrorCode;
                Assert.True(expected.Equals(refused.ErrorDetails["SubErrorCode"]), "replayed " + message + ": " + refused.Message);
                return true;
            default:
                if (Find(world, Payment.EntityLogicalName, Payment.Fields.ErpId, message.Payment!) is null)
                {
                    return false;
                }

                ReversalWorld.Reverse(world.Service, message.Payment!, "REV-" + message.Payment, "bounced cheque");
                return true;
        }
    }

    private static decimal OpenOf(CreditWorld world, int invoice) =>
        Find(world, Receivable.EntityLogicalName, Receivable.Fields.ErpId, "INV-" + invoice.ToString("D5", CultureInfo.InvariantCulture))?.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? -1m;

    private static Entity? Find(CreditWorld world, string table, string column, string value) =>
        world.Service.RetrieveMultiple(new QueryExpression(table)
        {
            ColumnSet = new ColumnSet(true),
            Criteria = { Conditions = { new ConditionExpression(column, ConditionOperator.Equal, value) } },
        }).Entities.SingleOrDefault();

    private enum MessageKind
    {
        OpenItem,
        Payment,
        Reversal,
        ReplayedReversal,
    }

    private sealed record Message(MessageKind Kind, int Invoice, string? Payment, decimal Amount, decimal Open, long Sequence)
    {
        /// <summary>For a replayed reversal: the payment whose reversal id it reuses.</summary>
        public string? ReversalOf { get; init; }

        public override string ToString() => Sequence + ":" + Kind switch
        {
            MessageKind.OpenItem => "I" + Invoice + "(" + Amount.ToString("0", CultureInfo.InvariantCulture) + "/" + Open.ToString("0", CultureInfo.InvariantCulture) + ")",
            MessageKind.Payment => Payment + "→I" + Invoice + "(" + Amount.ToString("0", CultureInfo.InvariantCulture) + ")",
            MessageKind.ReplayedReversal => "REV " + ReversalOf + "→" + Payment,
            _ => "REV " + Payment,
        };
    }
}
