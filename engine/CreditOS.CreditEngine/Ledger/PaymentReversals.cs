using System;
using System.Collections.Generic;
using System.Globalization;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>How a reversal message stands against what the payment row already says.</summary>
public enum ReversalStanding
{
    /// <summary>The payment is not reversed yet: the reversal is applied.</summary>
    New,

    /// <summary>The very reversal the payment was reversed by, with the same facts: a redelivery, nothing to do.</summary>
    Redelivered,

    /// <summary>The reversal the payment was reversed by, with other facts (reason, date, amount): a conflict for a person.</summary>
    Changed,

    /// <summary>The payment was reversed by another reversal: a payment is reversed once.</summary>
    AlreadyReversed,
}

/// <summary>
/// A payment the ERP takes back (a bounced cheque, a chargeback, a reversal of a wrong posting), applied to the ledger
/// (session 14). The payment is kept, marked reversed (the reversal's id, reason and date on the row, immutable from then
/// on): a posting is an audit fact and is never deleted. Its applications are undone exactly: every invoice it paid
/// reopens by that payment's share (<see cref="PaymentShares"/>: its cash and the discount it took there, since the
/// discount was conditional on the payment) and loses its settlement when it is open again; what the payment left as
/// unapplied cash (amount less its cash shares) leaves the account's unapplied cash. The ERP's paid-ahead figure of an
/// invoice (<see cref="PaidInTheErp"/>) is left as it is: the reversal takes back the payment both ledgers counted, so the
/// open amount rises by exactly the share, and a later ERP restatement of the invoice settles any remaining difference.
/// <para>
/// <b>Risk.</b> A bounced payment counts through its consequences, not as a separate factor: its invoices are open again
/// from their original due dates (aging, overdue beyond grace, exposure and the order check see it at once) and their
/// settlements are undone, so the payment-behaviour factors no longer count them as paid (on time or late). A separate
/// "bounces" penalty is not added to the Risk rule set: its weights are calibrated on the ledger's payment windows
/// (engine README "Calibrate") and a hand-set weight for an event with no calibrated evidence would move scores without
/// it. The ERP's reason is kept on the payment for a calibrated factor later; <see cref="IsCustomerFailure"/> is the one
/// place that tells a customer's failure (bounce, chargeback) from a bookkeeping correction.
/// </para>
/// </summary>
public static class PaymentReversals
{
    /// <summary>The plug-in's SubErrorCode for a reversal of a payment another reversal took back already.</summary>
    public const int AlreadyReversedErrorCode = unchecked((int)0xA0C00111);

    /// <summary>The plug-in's SubErrorCode for a reversal id that reversed the payment with other facts.</summary>
    public const int ChangedErrorCode = unchecked((int)0xA0C00112);

    /// <summary>The plug-in's SubErrorCode for a reversal whose amount is not the payment's (partial reversals are not carried).</summary>
    public const int AmountErrorCode = unchecked((int)0xA0C00113);

    /// <summary>
    /// The plug-in's SubErrorCode for a reversal id the ERP already used to reverse another payment of the same source
    /// system: one ERP reversal document reverses one payment (the id carries the company code and fiscal year the ERP keys
    /// it by), so a second payment named by it is a faulty or replayed stream, never a bounce.
    /// </summary>
    public const int InUseErrorCode = unchecked((int)0xA0C00114);

    /// <summary>The longest reason kept (the column's length).</summary>
    public const int ReasonMaxLength = 200;

    private static readonly string[] CustomerFailureWords = { "bounce", "return", "nsf", "insufficient", "chargeback", "charge back", "dishono", "unpaid", "refused", "rejected" };

    /// <summary>How a reversal (its id, reason and date) stands against the reversal the payment row holds, if any.</summary>
    public static ReversalStanding Compare(string? reversedBy, string? reasonHeld, DateTime? dateHeld, string reversalId, string reason, DateTime? date)
    {
        if (string.IsNullOrEmpty(reversedBy))
        {
            return ReversalStanding.New;
        }

        if (!string.Equals(reversedBy, reversalId, StringComparison.OrdinalIgnoreCase))
        {
            return ReversalStanding.AlreadyReversed;
        }

        return string.Equals((reasonHeld ?? string.Empty).Trim(), (reason ?? string.Empty).Trim(), StringComparison.Ordinal) && dateHeld?.Date == date?.Date
            ? ReversalStanding.Redelivered
            : ReversalStanding.Changed;
    }

    /// <summary>The refusal for a reversal that cannot be taken, with both sets of figures.</summary>
    public static string Refusal(ReversalStanding standing, string payment, decimal amount, string? reversedBy, string? reasonHeld, DateTime? dateHeld, string reversalId, string reason, DateTime? date) =>
        standing switch
        {
            ReversalStanding.AlreadyReversed =>
                "Payment " + payment + " of " + Figure(amount) + " was reversed already by reversal " + reversedBy + " dated " + Day(dateHeld) + " (" + reasonHeld
                + "); reversal " + reversalId + " dated " + Day(date) + " (" + reason + ") cannot reverse it again: a payment is reversed once. Check the ERP's reversals of this payment.",
            ReversalStanding.Changed =>
                "Reversal " + reversalId + " of payment " + payment + " was applied dated " + Day(dateHeld) + " for '" + reasonHeld + "'; the ERP now says dated " + Day(date)
                + " for '" + reason + "': an applied reversal cannot change. Check the ERP's reversal.",
            _ => throw new ArgumentOutOfRangeException(nameof(standing), standing, "Only a refused standing has a refusal."),
        };

    /// <summary>The refusal of a reversal id that reversed another payment already, naming both payments.</summary>
    public static string InUseRefusal(string reversalId, string payment, string reversedPayment, DateTime? dateHeld, string? reasonHeld) =>
        "Reversal " + reversalId + " reversed payment " + reversedPayment + " already (dated " + Day(dateHeld) + ", " + reasonHeld
        + "); it cannot reverse payment " + payment + " too: one ERP reversal reverses one payment. Check the ERP's reversal " + reversalId + ".";

    /// <summary>
    /// Null when the reversal's stated amount (if it states one) is the payment's; otherwise the refusal with both figures.
    /// Partial reversals are not carried: the ERP reverses a payment whole and posts what was really paid as a new payment.
    /// </summary>
    public static string? AmountRefusal(string payment, decimal posted, decimal? stated, string reversalId) =>
        stated is { } amount && amount != posted
            ? "Reversal " + reversalId + " states " + Figure(amount) + " but payment " + payment + " was posted as " + Figure(posted)
              + ": a reversal takes back the whole payment (partial reversals are not carried); reverse it whole and post what was really paid as a new payment."
            : null;

    /// <summary>A reason is stated, and fits the column: an audit fact without its reason helps nobody.</summary>
    public static string? ReasonRefusal(string reversalId, string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? "Reversal " + reversalId + " states no reason; the ERP's reason (bounced cheque, chargeback, wrong posting…) is kept on the payment as an audit fact."
            : reason!.Trim().Length > ReasonMaxLength
                ? "Reversal " + reversalId + " states a reason of " + reason.Trim().Length.ToString(CultureInfo.InvariantCulture) + " characters; at most " + ReasonMaxLength.ToString(CultureInfo.InvariantCulture) + " are kept."
                : null;

    /// <summary>What undoing the payment's share does to one invoice: the open amount rises by the share; the ERP's paid-ahead figure stays.</summary>
    public static decimal OpenAfterUndo(decimal open, PaymentShare share) => Math.Max(0m, open) + share.Total;

    /// <summary>
    /// How much pending cash (payments that named the invoice and found no room) an invoice takes in after a reversal
    /// reopened it: what the ERP's latest figure says is paid beyond what creditOS applied and the ERP's unmatched figure,
    /// never more than is open. Bounded by the ERP's figure, not by the room alone: a true over-payment (the ERP too kept
    /// the excess as the customer's credit) must not fill an invoice another payment's bounce reopened.
    /// </summary>
    public static decimal RoomForPending(decimal amount, decimal open, decimal paidAhead, decimal erpPaid)
    {
        var applied = PaidInTheErp.Applied(amount, open, paidAhead);
        return Math.Max(0m, Math.Min(Math.Max(0m, open), erpPaid - applied - Math.Max(0m, paidAhead)));
    }

    /// <summary>What the payment left as unapplied cash: its amount less the cash it applied to invoices.</summary>
    public static decimal UnappliedPart(decimal amount, IEnumerable<PaymentShare> shares)
    {
        var applied = 0m;
        foreach (var share in shares)
        {
            applied += share.AppliedCash;
        }

        return Math.Max(0m, amount - applied);
    }

    /// <summary>
    /// The account's unapplied cash after the reversal takes the payment's unapplied part back. Cash already spent on
    /// releasing orders awaiting prepayment cannot be taken back from the account's figure, which never goes below zero;
    /// <paramref name="shortfall"/> is that spent part (reported, see the plug-in's trace and the integration README).
    /// </summary>
    public static decimal UnappliedCashAfter(decimal cash, decimal unappliedPart, out decimal shortfall)
    {
        var after = cash - unappliedPart;
        shortfall = after < 0m ? -after : 0m;
        return Math.Max(0m, after);
    }

    /// <summary>Whether the reason the ERP states is the customer's failure to pay (bounce, chargeback) rather than a bookkeeping correction.</summary>
    public static bool IsCustomerFailure(string? reason)
    {
        var text = (reason ?? string.Empty).ToLowerInvariant();
        foreach (var word in CustomerFailureWords)
        {
            if (text.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static string Figure(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateTime? date) => date is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no date";
}
