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
/// invoices (no call). Text, one share per payment: <c>payment-id:cash:discount</c>, separated by <c>;</c>, invariant
/// culture, two decimals; an unreadable entry is refused loudly rather than skipped (money would be lost).
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
            if (parts.Length != 3
                || !Guid.TryParse(parts[0], out var payment)
                || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cash)
                || !decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var discount))
            {
                throw new CreditInputException("The invoice's payment shares cannot be read ('" + entry + "'); they are written by the payment posting only.");
            }

            shares.Add(new PaymentShare(payment, cash, discount));
        }

        return shares;
    }

    /// <summary>The shares with this payment's added to (a payment applied to one invoice twice would add up; it never is).</summary>
    public static string Add(string? text, Guid payment, decimal cash, decimal discount)
    {
        var shares = Parse(text).ToList();
        var existing = shares.FirstOrDefault(share => share.Payment == payment);
        if (existing is not null)
        {
            shares.Remove(existing);
            cash += existing.Cash;
            discount += existing.Discount;
        }

        shares.Add(new PaymentShare(payment, cash, discount));
        return Format(shares);
    }

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
        }

        return text.ToString();
    }
}

/// <summary>One payment's part of one invoice: its cash and the discount it took there.</summary>
public sealed class PaymentShare
{
    public PaymentShare(Guid payment, decimal cash, decimal discount)
    {
        Payment = payment;
        Cash = cash;
        Discount = discount;
    }

    public Guid Payment { get; }

    public decimal Cash { get; }

    public decimal Discount { get; }

    /// <summary>What the payment settled on the invoice: cash plus discount.</summary>
    public decimal Total => Cash + Discount;
}
