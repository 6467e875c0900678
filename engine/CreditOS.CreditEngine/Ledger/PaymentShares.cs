using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// What each posted payment applied to one invoice, kept on the invoice (<c>cos_receivable.cos_paymentshares</c>) so a
/// reversal can undo exactly that payment's part and nothing else. Before session 14 a payment's application was not
/// recorded per invoice (only its last payment was named), so a bounced payment could not be taken back by the figures.
/// Written by the payment posting in the same update it already makes per touched invoice (no call), read with the named
/// invoices (no call). Text, one share per payment: <c>payment-id:cash:discount[:pending:inferred]</c>, separated by
/// <c>;</c>, invariant culture, two decimals; an unreadable entry is refused loudly rather than skipped (money would be
/// lost). Pending and inferred (see <see cref="PaymentShare"/>) close the gap a reordered stream opens: a payment that
/// arrives while a payment the ERP has already reversed still fills its invoice finds no room and its cash is kept
/// unapplied; when the reversal arrives, or the ERP's figure says the invoice is paid by it, that cash goes to the invoice.
/// </summary>
public static class PaymentShares
{
    public static IReadOnlyList<PaymentShare> Parse(string? text)
    {
        var shares = new List<PaymentShare>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return shares;
        }

        foreach (var entry in text!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            var pending = 0m;
            var inferred = 0m;
            if ((parts.Length != 3 && parts.Length != 5)
                || !Guid.TryParse(parts[0], out var payment)
                || !Amount(parts[1], out var cash)
                || !Amount(parts[2], out var discount)
                || (parts.Length == 5 && (!Amount(parts[3], out pending) || !Amount(parts[4], out inferred))))
            {
                throw new CreditInputException("The invoice's payment shares cannot be read ('" + entry + "'); they are written by the payment posting only.");
            }

            shares.Add(new PaymentShare(payment, cash, discount, pending, inferred));
        }

        return shares;
    }

    /// <summary>The shares with this payment's added to (a payment applied to one invoice twice would add up; it never is).</summary>
    public static string Add(string? text, Guid payment, decimal cash, decimal discount, decimal pending = 0m)
    {
        var shares = Parse(text).ToList();
        var existing = shares.FirstOrDefault(share => share.Payment == payment);
        var inferred = 0m;
        if (existing is not null)
        {
            shares.Remove(existing);
            cash += existing.Cash;
            discount += existing.Discount;
            pending += existing.Pending;
            inferred = existing.Inferred;
        }

        shares.Add(new PaymentShare(payment, cash, discount, pending, inferred));
        return Format(shares);
    }

    /// <summary>What the shares hold as pending: cash their payments named this invoice for but found no room (the account's unapplied cash).</summary>
    public static decimal PendingOf(string? text) => Parse(text).Sum(share => share.Pending);

    /// <summary>What the shares hold as applied by inference (pending cash the ERP's figure or a reversal's room took in).</summary>
    public static decimal InferredOf(string? text) => Parse(text).Sum(share => share.Inferred);

    /// <summary>
    /// Applies up to <paramref name="amount"/> of the shares' pending cash to the invoice, oldest share first (pending →
    /// inferred); <paramref name="moved"/> is what was applied, which leaves the account's unapplied cash.
    /// </summary>
    public static string? TakeInPending(string? text, decimal amount, out decimal moved)
    {
        moved = 0m;
        var shares = new List<PaymentShare>();
        foreach (var share in Parse(text))
        {
            var take = Math.Min(share.Pending, Math.Max(0m, amount - moved));
            moved += take;
            shares.Add(new PaymentShare(share.Payment, share.Cash, share.Discount, share.Pending - take, share.Inferred + take));
        }

        return shares.Count == 0 ? text : Format(shares);
    }

    /// <summary>
    /// Gives back up to <paramref name="amount"/> of what was applied by inference, newest share first (inferred → pending);
    /// <paramref name="moved"/> is what goes back to the account's unapplied cash.
    /// </summary>
    public static string? GiveBackInferred(string? text, decimal amount, out decimal moved)
    {
        moved = 0m;
        var shares = Parse(text).ToList();
        for (var index = shares.Count - 1; index >= 0; index--)
        {
            var share = shares[index];
            var back = Math.Min(share.Inferred, Math.Max(0m, amount - moved));
            moved += back;
            shares[index] = new PaymentShare(share.Payment, share.Cash, share.Discount, share.Pending + back, share.Inferred - back);
        }

        return shares.Count == 0 ? text : Format(shares);
    }

    private static bool Amount(string text, out decimal value) => decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>This payment's share of the invoice, or null when it applied nothing to it.</summary>
    public static PaymentShare? Find(string? text, Guid payment) => Parse(text).FirstOrDefault(share => share.Payment == payment);

    /// <summary>The shares without this payment's (a reversed payment's share is gone; the payment row keeps the audit fact).</summary>
    public static string? Remove(string? text, Guid payment)
    {
        var left = Parse(text).Where(share => share.Payment != payment).ToList();
        return left.Count == 0 ? null : Format(left);
    }

    private static string Format(IEnumerable<PaymentShare> shares)
    {
        var text = new StringBuilder();
        foreach (var share in shares)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(share.Payment.ToString("D"))
                .Append(':').Append(share.Cash.ToString("0.00", CultureInfo.InvariantCulture))
                .Append(':').Append(share.Discount.ToString("0.00", CultureInfo.InvariantCulture));
            if (share.Pending != 0m || share.Inferred != 0m)
            {
                text.Append(':').Append(share.Pending.ToString("0.00", CultureInfo.InvariantCulture))
                    .Append(':').Append(share.Inferred.ToString("0.00", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}

/// <summary>One payment's part of one invoice: its cash and the discount it took there.</summary>
public sealed class PaymentShare
{
    public PaymentShare(Guid payment, decimal cash, decimal discount, decimal pending = 0m, decimal inferred = 0m)
    {
        Payment = payment;
        Cash = cash;
        Discount = discount;
        Pending = pending;
        Inferred = inferred;
    }

    public Guid Payment { get; }

    public decimal Cash { get; }

    public decimal Discount { get; }

    /// <summary>
    /// Cash the payment named this invoice for but found no room (a payment taken back by a reversal not yet arrived still
    /// held it, or a true over-payment): kept as the account's unapplied cash, taken in when the invoice has room the ERP
    /// says is paid (<see cref="PaymentShares.TakeInPending"/>).
    /// </summary>
    public decimal Pending { get; }

    /// <summary>Pending cash later applied to the invoice by inference; given back when the ERP's figure says less is paid.</summary>
    public decimal Inferred { get; }

    /// <summary>What the payment settled on the invoice: cash (its own and inferred) plus discount.</summary>
    public decimal Total => Cash + Discount + Inferred;

    /// <summary>The cash the payment applied to the invoice (its own and inferred).</summary>
    public decimal AppliedCash => Cash + Inferred;
}
