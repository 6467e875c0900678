using System;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// What is paid on an invoice when the ERP and creditOS both observe its payments. An invoice's first ERP message may
/// state less open than its amount: the ERP applied payments before it exported the invoice. Those payments travel on
/// the payments queue and are posted here too (a payment naming an invoice not yet in Dataverse waits for it), so adding
/// the two would count that money twice. The rule: paid = max(what the ERP says is paid (amount − its open amount), what
/// creditOS applied); open = amount − paid. It is kept as one figure on the invoice, the part the ERP counted as paid that
/// no payment posted here has matched yet (<see cref="OnCreate"/>): a payment applied to the invoice first matches it
/// (its money goes to that invoice, changes nothing open, and is not free cash), then reduces the open amount. Since
/// paid − ahead = what creditOS applied, the figure is max(0, ERP paid − applied) at every step, so the order in which
/// the invoice and its payments arrive does not change the outcome. A payment the ERP did not know of yet when it
/// exported the invoice is matched against the ERP's figure too until the payment it did know of is posted, which then
/// reduces the open amount instead (the sum is the same); a payment made before go-live that creditOS never receives
/// leaves its money in the figure for good, as the ERP counted it.
/// </summary>
public static class PaidInTheErp
{
    /// <summary>
    /// Dataverse's SubErrorCode for a restatement of an invoice below what payments posted in creditOS applied to it
    /// (<see cref="Restate"/> null). The ERP reduces an invoice below what was paid only after it reversed or refunded those
    /// payments, and the reversal travels on the payments queue while the restatement travels on the receivables queue, so
    /// the restatement may arrive first: the code lets the worker wait for the reversal instead of losing the credit note
    /// (session 36).
    /// </summary>
    public const int BelowAppliedErrorCode = unchecked((int)0xA0C00106);

    /// <summary>The figure for a new invoice: what the ERP's first message says is paid (nothing posted here has been applied to it yet).</summary>
    public static decimal OnCreate(decimal amount, decimal erpOpen) => Math.Max(0m, amount - Math.Max(0m, erpOpen));

    /// <summary>
    /// Applies up to <paramref name="offered"/> (a payment's cash and discount) to an invoice with <paramref name="open"/>
    /// open and <paramref name="paidAhead"/> counted as paid by the ERP and not yet matched: what it takes never exceeds
    /// what creditOS has not applied to it yet (open + ahead).
    /// </summary>
    public static InvoiceApplication Apply(decimal open, decimal paidAhead, decimal offered)
    {
        var ahead = Math.Max(0m, paidAhead);
        var taken = Math.Min(Math.Max(0m, offered), Math.Max(0m, open) + ahead);
        var matched = Math.Min(ahead, taken);
        return new InvoiceApplication(taken, matched, open - (taken - matched), ahead - matched);
    }

    /// <summary>
    /// What creditOS itself has applied to an invoice (payments posted here, less those reversed): the amount less what is
    /// open and less what the ERP counted as paid that no posted payment has matched. Invariant of every step:
    /// amount = open + ahead + applied.
    /// </summary>
    public static decimal Applied(decimal amount, decimal open, decimal paidAhead) => Math.Max(0m, amount - Math.Max(0m, open) - Math.Max(0m, paidAhead));

    /// <summary>
    /// An ERP restatement of the invoice (session 14): its amount now and the open amount the ERP states, fed to the same
    /// rule as the first message, paid = max(what the ERP says is paid, what creditOS applied). So the ERP saying more is
    /// paid than creditOS knows (payments on their way) lowers the open amount to the ERP's, and the money is matched by
    /// those payments when they come (never counted twice); the ERP saying more is open than before (a payment it counted
    /// is gone) reopens what only its figure held. What creditOS applied itself is never undone by a statement: a late or
    /// redelivered message would undo payments posted since, and a reopening by the statement and again by the payment's
    /// reversal would count the reversal twice; a payment is taken back by its reversal (<see cref="PaymentReversals"/>).
    /// Null when the new amount is below what creditOS applied (a credit note below what is paid): refused by the caller.
    /// </summary>
    public static RestatedInvoice? Restate(decimal applied, decimal amountAfter, decimal erpOpen)
    {
        if (amountAfter < applied)
        {
            return null;
        }

        var erpPaid = amountAfter - Math.Min(Math.Max(0m, erpOpen), amountAfter);
        var ahead = Math.Max(0m, erpPaid - applied);
        return new RestatedInvoice(amountAfter - applied - ahead, ahead);
    }
}

/// <summary>An invoice after an ERP restatement (see <see cref="PaidInTheErp.Restate"/>).</summary>
public sealed class RestatedInvoice
{
    public RestatedInvoice(decimal open, decimal paidAhead)
    {
        Open = open;
        PaidAhead = paidAhead;
    }

    public decimal Open { get; }

    public decimal PaidAhead { get; }
}

/// <summary>What applying a payment's money to one invoice did (see <see cref="PaidInTheErp.Apply"/>).</summary>
public sealed class InvoiceApplication
{
    public InvoiceApplication(decimal taken, decimal matched, decimal openAfter, decimal paidAheadAfter)
    {
        Taken = taken;
        Matched = matched;
        OpenAfter = openAfter;
        PaidAheadAfter = paidAheadAfter;
    }

    /// <summary>The payment's money that went to this invoice (matched plus what reduced its open amount).</summary>
    public decimal Taken { get; }

    /// <summary>The part the ERP had already counted as paid: applied to the invoice, its open amount unchanged.</summary>
    public decimal Matched { get; }

    public decimal OpenAfter { get; }

    public decimal PaidAheadAfter { get; }
}
