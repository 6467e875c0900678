using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// A payment the ERP reversed (session 14): the write that sets the payment's reversal (<c>cos_reversalid</c>, reason,
/// date, amount) undoes its applications under the account's lock, in the write's own transaction, and rescores the
/// account; the payment row is kept as the audit fact. The rules are the engine's (<see cref="PaymentReversals"/>,
/// <see cref="PaymentShares"/>): each invoice it paid reopens by exactly its share and loses its settlement when open
/// again; its unapplied part leaves the account's unapplied cash; the same reversal again is nothing to do; another
/// reversal of a reversed payment, the same reversal with other facts, a reversal of another amount, or a write clearing
/// any reversal column (whatever the pre-image shows, session 19) are refused with the figures (SubErrorCodes of their own, so the worker tells them apart).
/// A reversal id that reversed another payment of the source system is refused too (<see cref="ReversalIdInUse"/>).
/// Calls (<see cref="FixedCalls"/>): the reversal id's use, the lock claim, the payment's reversal read again under the lock
/// (what decides: the pre-image was read before any lock, session 18), the account with the named invoices, then one update per invoice
/// the payment had a share of, + <see cref="UnappliedCash.Calls"/> when its unapplied part was on the account,
/// + the rescoring's <see cref="AccountRescoring.MaximumCalls"/> (and <see cref="RescoredLimit.ReviewCalls"/> when its
/// limit change goes to Finance). None for a redelivery the pre-image shows or a write that touches no reversal column; a
/// redelivery that committed while this write waited for the lock costs the id's use, the claim and the read, and moves nothing.
/// </summary>
public static class PaymentReversal
{
    /// <summary>The reversal id's use (<see cref="ReversalIdInUse.Calls"/>), the lock claim, the payment's reversal read under it, the account with the named invoices.</summary>
    public const int FixedCalls = ReversalIdInUse.Calls + 3;

    /// <summary>The reversal columns: the step's filtering attributes.</summary>
    public const string Columns = Payment.Fields.ReversalId + "," + Payment.Fields.ReversalReason + "," + Payment.Fields.ReversedOn + "," + Payment.Fields.ReversalAmount;

    /// <summary>The pre-image: what the posting applied, and the reversal the row holds already.</summary>
    public const string ImageColumns = Columns + "," + Payment.Fields.Amount + "," + Payment.Fields.AccountId + "," + Payment.Fields.AppliedInvoices + "," + Payment.Fields.ErpId + "," + Payment.Fields.SourceSystem;

    private static readonly string[] ReceivableColumns =
    [
        Receivable.Fields.ErpId, Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn, Receivable.Fields.DiscountTaken, Receivable.Fields.PaymentShares,
        Receivable.Fields.LatePaymentProbability, Receivable.Fields.ExpectedDaysLate, Receivable.Fields.Amount, Receivable.Fields.ErpPaidAhead, Receivable.Fields.ErpPaid,
    ];

    /// <returns>Whether a reversal was applied (false: nothing to do).</returns>
    public static bool Apply(IOrganizationService service, ITracingService tracing, Entity target, RegisteredImage posted, Guid paymentId, DateTime now)
    {
        var payment = (posted.Get<string>(Payment.Fields.SourceSystem) is { Length: > 0 } source ? source + "/" : string.Empty) + (posted.Get<string>(Payment.Fields.ErpId) ?? paymentId.ToString());
        var heldId = posted.Get<string>(Payment.Fields.ReversalId);
        var heldReason = posted.Get<string>(Payment.Fields.ReversalReason);
        var heldDate = posted.Get<DateTime?>(Payment.Fields.ReversedOn);
        var heldAmount = posted.Get<Money>(Payment.Fields.ReversalAmount)?.Value;
        var reversalId = Current(target, posted, Payment.Fields.ReversalId, heldId);
        var reason = Current(target, posted, Payment.Fields.ReversalReason, heldReason);
        var date = target.Contains(Payment.Fields.ReversedOn) ? target.GetAttributeValue<DateTime?>(Payment.Fields.ReversedOn) : heldDate;
        var statedAmount = target.Contains(Payment.Fields.ReversalAmount) ? target.MoneyOrNull(Payment.Fields.ReversalAmount) : heldAmount;
        var amount = posted.Get<Money>(Payment.Fields.Amount)?.Value ?? 0m;

        // A reversal is an audit fact: a write that clears any of its columns is refused for every caller, whatever the
        // pre-image shows (session 19). The pre-image is read before this write takes any lock, so a reversal committing
        // meanwhile is not in it: deciding on it let the clear through (nothing held, nothing to refuse) and wiped the
        // committed reversal's id while the invoices it reopened stayed open, so a redelivery of the reversal undid the
        // payment a second time. Refused on the write alone: no read, no lock, no race.
        if (ClearedColumns(target) is { Count: > 0 } cleared)
        {
            throw new InvalidPluginExecutionException(
                OperationStatus.Failed,
                PaymentReversals.ChangedErrorCode,
                "Payment " + payment + ": this write clears " + string.Join(", ", cleared) + "; a payment's reversal is the ERP's audit fact and is never cleared, by anyone ("
                + (string.IsNullOrEmpty(heldId) ? "the payment showed no reversal when the write was checked; one may be committing" : "the payment holds reversal " + heldId + " dated " + Day(heldDate) + ", " + heldReason)
                + "): a reversal cannot be undone. The ERP posts the money again as a new payment.");
        }

        if (string.IsNullOrEmpty(reversalId))
        {
            if (!string.IsNullOrWhiteSpace(reason) || date is not null || statedAmount is not null)
            {
                throw new InvalidPluginExecutionException("Payment " + payment + ": a reversal's reason, date or amount is set only with the reversal's id (cos_reversalid).");
            }

            return false;
        }

        if (HeldAlready(payment, amount, heldId, heldReason, heldDate, heldAmount, reversalId!, reason, date, statedAmount))
        {
            tracing.Trace("Reversal {0} of payment {1} is applied already: nothing to do.", reversalId, payment);
            return false;
        }

        if (PaymentReversals.ReasonRefusal(reversalId!, reason) is { } noReason)
        {
            throw new InvalidPluginExecutionException(noReason);
        }

        if (date is null)
        {
            throw new InvalidPluginExecutionException("Reversal " + reversalId + " of payment " + payment + " states no date; the ERP's reversal date is kept on the payment.");
        }

        if (PaymentReversals.AmountRefusal(payment, amount, statedAmount, reversalId!) is { } otherAmount)
        {
            throw new InvalidPluginExecutionException(OperationStatus.Failed, PaymentReversals.AmountErrorCode, otherAmount);
        }

        // One ERP reversal reverses one payment: checked before anything is written (a refusal costs one query).
        ReversalIdInUse.Check(service, paymentId, payment, posted.Get<string>(Payment.Fields.SourceSystem), reversalId!);

        var accountId = posted.Get<EntityReference>(Payment.Fields.AccountId)?.Id
            ?? throw new InvalidPluginExecutionException("Payment " + payment + " has no customer account, so its reversal cannot be applied.");

        // The same lock the posting and every writer of open amounts claim before reading: a payment posted or an ERP
        // restatement at the same moment waits, then reads what the reversal left. Every reversal of this payment claims it
        // too, so the decision above is taken again on the payment as it stands under the lock (session 18, soak seed
        // 17002): the pre-image was read before this write took any lock, so a write of the same reversal (Service Bus
        // handing one message to two receivers, or its copy to another worker) that committed meanwhile is not in it.
        // Deciding on the image alone undid the payment a second time: its shares were gone, so its whole amount was taken
        // as its unapplied part and left the account's unapplied cash, taking other payments' cash with it.
        AccountLock.Claim(service, accountId, now, Account.Fields.LastScoredOn, Account.Fields.LastPostedOn);
        var standing = service.Retrieve(Payment.EntityLogicalName, paymentId, new ColumnSet(Payment.Fields.ReversalId, Payment.Fields.ReversalReason, Payment.Fields.ReversedOn, Payment.Fields.ReversalAmount));
        if (standing.GetAttributeValue<string>(Payment.Fields.ReversalId) is { Length: > 0 } committedId)
        {
            var committedAmount = standing.MoneyOrNull(Payment.Fields.ReversalAmount);
            if (HeldAlready(payment, amount, committedId, standing.GetAttributeValue<string>(Payment.Fields.ReversalReason), standing.GetAttributeValue<DateTime?>(Payment.Fields.ReversedOn), committedAmount,
                reversalId!, reason, date, target.Contains(Payment.Fields.ReversalAmount) ? statedAmount : committedAmount))
            {
                tracing.Trace("Reversal {0} of payment {1} was applied by a write that committed while this one waited for the account: nothing to do.", reversalId, payment);
                return false;
            }
        }

        target[Payment.Fields.ReversalAmount] = new Money(amount);
        target[Payment.Fields.ReversalReason] = reason!.Trim();
        Undo(service, tracing, accountId, paymentId, payment, amount, posted.Get<string>(Payment.Fields.AppliedInvoices), reversalId!, reason!, now);
        return true;
    }

    /// <summary>
    /// Whether the payment holds this very reversal already (a redelivery: nothing to do); false when it holds none. Another
    /// reversal, or this one with other facts (reason, date, amount), is refused with both sets of figures.
    /// </summary>
    private static bool HeldAlready(string payment, decimal amount, string? heldId, string? heldReason, DateTime? heldDate, decimal? heldAmount, string reversalId, string? reason, DateTime? date, decimal? statedAmount)
    {
        var standing = PaymentReversals.Compare(heldId, heldReason, heldDate, reversalId, reason ?? string.Empty, date);
        if (standing == ReversalStanding.Redelivered && statedAmount != heldAmount)
        {
            standing = ReversalStanding.Changed;
        }

        switch (standing)
        {
            case ReversalStanding.New:
                return false;
            case ReversalStanding.Redelivered:
                return true;
            case ReversalStanding.AlreadyReversed:
                throw new InvalidPluginExecutionException(OperationStatus.Failed, PaymentReversals.AlreadyReversedErrorCode,
                    PaymentReversals.Refusal(standing, payment, amount, heldId, heldReason, heldDate, reversalId, reason ?? string.Empty, date));
            default:
                throw new InvalidPluginExecutionException(OperationStatus.Failed, PaymentReversals.ChangedErrorCode,
                    PaymentReversals.Refusal(standing, payment, amount, heldId, heldReason, heldDate, reversalId, reason ?? string.Empty, date)
                    + (statedAmount != heldAmount ? " (amount " + Figure(heldAmount) + " then, " + Figure(statedAmount) + " now)" : string.Empty));
        }
    }

    private static void Undo(IOrganizationService service, ITracingService tracing, Guid accountId, Guid paymentId, string payment, decimal amount, string? appliedInvoices, string reversalId, string reason, DateTime now)
    {
        // Under the account lock Apply claimed.
        var named = InvoiceReferences.Split(appliedInvoices).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var account = AccountCreditRecord.ReadWithReceivables(service, accountId, named, ReceivableColumns, out var receivables, Account.Fields.UnappliedCash);
        var shares = new List<PaymentShare>();
        var pendingTakenIn = 0m;
        foreach (var receivable in receivables)
        {
            var text = receivable.GetAttributeValue<string>(Receivable.Fields.PaymentShares);
            if (PaymentShares.Find(text, paymentId) is not { } share)
            {
                continue;
            }

            shares.Add(share);
            var open = receivable.MoneyOrZero(Receivable.Fields.OpenAmount);
            var openAfter = PaymentReversals.OpenAfterUndo(open, share);
            var sharesAfter = PaymentShares.Remove(text, paymentId);

            // Cash other payments meant for this invoice but found no room for (this payment still filled it) goes in now, up
            // to what the ERP's latest figure says is paid beyond what creditOS has applied (engine PaymentReversals.RoomForPending).
            var room = PaymentReversals.RoomForPending(
                receivable.MoneyOrZero(Receivable.Fields.Amount), openAfter, receivable.MoneyOrZero(Receivable.Fields.ErpPaidAhead), receivable.MoneyOrZero(Receivable.Fields.ErpPaid));
            if (room > 0 && PaymentShares.PendingOf(sharesAfter) > 0)
            {
                sharesAfter = PaymentShares.TakeInPending(sharesAfter, room, out var takenIn);
                openAfter -= takenIn;
                pendingTakenIn += takenIn;
            }

            var update = new Entity(Receivable.EntityLogicalName, receivable.Id)
            {
                // Names the payment, as its posting did: the receivable's asynchronous step leaves the rescoring to this one.
                [Receivable.Fields.LastPaymentId] = new EntityReference(Payment.EntityLogicalName, paymentId),
                [Receivable.Fields.PaymentShares] = sharesAfter,
            };
            if (openAfter != open)
            {
                update[Receivable.Fields.OpenAmount] = new Money(openAfter);
                update[Receivable.Fields.ExpectedLateAmount] = CollectionsRefresh.ExpectedLateAmountAfter(receivable, openAfter);
            }

            if (share.Discount > 0)
            {
                update[Receivable.Fields.DiscountTaken] = new Money(Math.Max(0m, receivable.MoneyOrZero(Receivable.Fields.DiscountTaken) - share.Discount));
            }

            if (openAfter > 0 && receivable.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) is not null)
            {
                // Open again: no longer paid, on time or late; it ages from its due date as it did before the payment.
                update[Receivable.Fields.SettledOn] = null;
                update[Receivable.Fields.DaysLate] = null;
            }

            service.Update(update);
            tracing.Trace("Reversal {0}: invoice {1} open {2:0.00} → {3:0.00} (payment {4}'s share: cash {5:0.00}, discount {6:0.00}).",
                reversalId, receivable.GetAttributeValue<string>(Receivable.Fields.ErpId), open, openAfter, payment, share.Cash, share.Discount);
        }

        var unappliedPart = PaymentReversals.UnappliedPart(amount, shares);
        var cashBefore = account.Row.MoneyOrZero(Account.Fields.UnappliedCash);
        var cashAfter = PaymentReversals.UnappliedCashAfter(cashBefore, unappliedPart + pendingTakenIn, out var shortfall);
        UnappliedCash.Keep(service, accountId, cashBefore, cashAfter);
        if (shortfall > 0)
        {
            tracing.Trace("Reversal {0}: {1:0.00} of payment {2}'s unapplied cash was spent already (orders awaiting prepayment it released); the account's unapplied cash goes to 0.00.", reversalId, shortfall, payment);
        }

        tracing.Trace("Reversal {0} of payment {1} ({2:0.00}, {3}{4}): {5} invoice(s) reopened by {6:0.00}, unapplied cash {7:0.00} → {8:0.00}.",
            reversalId, payment, amount, reason, PaymentReversals.IsCustomerFailure(reason) ? ", the customer's failure to pay" : string.Empty,
            shares.Count, shares.Sum(s => s.Total), cashBefore, cashAfter);

        var cause = "reversal " + reversalId + " of payment " + payment;
        try
        {
            // In the write's transaction, under the lock claimed above: exposure, aging and scores follow the reopened invoices.
            AccountRescoring.Rescore(service, tracing, accountId, ScoreTrigger.Event, cause, now, inTransaction: true);
        }
        catch (InvalidPluginExecutionException failure) when (ScoringFailure.IsConfigurationFailure(failure))
        {
            // Money is never refused because of credit configuration: the reversal commits; the account is held and admins alerted.
            ScoringFailure.HoldAndAlert(service, tracing, accountId, cause, failure.Message, now);
        }
    }

    /// <summary>
    /// The reversal columns this write sets to nothing (null, or an empty or blank text) without stating a reversal: the id
    /// itself, or a reason, date or amount with no id in the write. A write that states a reversal id is judged as a reversal
    /// (a blank reason or a missing date is refused as such, under the rules below).
    /// </summary>
    private static List<string> ClearedColumns(Entity target) =>
        target.GetAttributeValue<string>(Payment.Fields.ReversalId) is { } id && !string.IsNullOrWhiteSpace(id)
            ? []
            : [.. Columns.Split(',').Where(column => target.Contains(column) && (target[column] is null || target[column] is string text && string.IsNullOrWhiteSpace(text)))];

    private static string? Current(Entity target, RegisteredImage posted, string column, string? held) =>
        target.Contains(column) ? target.GetAttributeValue<string>(column) : held;

    private static string Day(DateTime? date) => date is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no date";

    private static string Figure(decimal? amount) => amount is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "none";
}
