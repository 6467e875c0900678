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
/// Applies a payment to the open receivables it names (ERP ids, comma-separated), oldest due first: each gets as much
/// as remains of the payment; a receivable paid in full is settled on the payment date with its days late. Each update
/// names the payment (cos_lastpaymentid), which tells the receivable's own rescoring step that the payment posting has
/// rescored the customer in the same transaction. The account's row lock is claimed first: open amounts are written as
/// absolute figures, so two payments on the same invoice must not both read the same open amount (the second would
/// overwrite the first one's application). Under the lock the second waits until the first commits and then reads
/// what it left. Calls (<see cref="FixedCalls"/>): the lock claim, one query for the account's credit record with the
/// named receivables joined (what the rescoring after it needs too), the sanity limits' settings (with the
/// configuration's version stamp); then one update per receivable the payment touches. A payment naming invoices that
/// are not this account's, or that are in another currency than the payment, is refused, so nothing is half-applied.
/// An invoice it names that is settled already (other payments got there first) takes nothing: that cash stays
/// unapplied, so the outcome of the same payments does not depend on the order they arrive in. A payment's discount taken
/// (<c>cos_discounttaken</c>) settles the named invoices with the cash (see the loop), recorded on each receivable it
/// went to, so open amounts equal the ERP ledger's; a discount without invoices, or beyond what they had open, is refused.
/// </summary>
public static class PaymentApplication
{
    /// <summary>Calls before the settlements: the account lock claim, the account with the named receivables, the sanity limits' settings.</summary>
    public const int FixedCalls = 2 + AmountSanityLimits.PaymentCalls;

    private static readonly string[] ReceivableColumns =
    [
        Receivable.Fields.ErpId, Receivable.Fields.OpenAmount, Receivable.Fields.DueDate, Receivable.Fields.InvoiceDate, Receivable.Fields.Amount,
        Receivable.Fields.IsDisputed, Receivable.Fields.LatePaymentProbability, Receivable.Fields.ExpectedDaysLate, Receivable.Fields.DiscountTaken,
        Receivable.Fields.TransactionCurrencyId, Receivable.Fields.ErpPaidAhead, Receivable.Fields.PaymentShares, Receivable.Fields.AmountBase,
    ];

    /// <param name="paymentId">The payment's id (a Create's Target carries none unless the caller chose it).</param>
    /// <param name="accountColumns">Account columns the caller needs beyond the credit record's (read in the same query, under the lock).</param>
    public static PaymentApplied Apply(IOrganizationService service, ITracingService tracing, Entity payment, Guid paymentId, DateTime now, params string[] accountColumns)
    {
        var accountId = payment.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)?.Id
            ?? throw new InvalidPluginExecutionException("The payment has no customer account; set the account before posting it.");
        var amount = payment.MoneyOrZero(Payment.Fields.Amount);
        if (amount <= 0)
        {
            throw new InvalidPluginExecutionException(
                "A payment must be a positive amount (got " + amount.ToString("0.00", CultureInfo.InvariantCulture) + "); post refunds and reversals in the ERP.");
        }

        var discount = payment.MoneyOrZero(Payment.Fields.DiscountTaken);
        if (discount < 0)
        {
            throw new InvalidPluginExecutionException(
                "A discount taken must not be negative (got " + discount.ToString("0.00", CultureInfo.InvariantCulture) + ").");
        }

        var paidOn = (payment.GetAttributeValue<DateTime?>(Payment.Fields.PaymentDate) ?? now).Date;
        var named = InvoiceReferences.Split(payment.GetAttributeValue<string>(Payment.Fields.AppliedInvoices))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

        // The payment posting rescores the account in the same transaction, which writes this column again: claiming
        // the lock with it states nothing untrue and needs no column of its own.
        // The claim also records the posting moment on the account's credit profile (cos_lastpostedon), at no extra call.
        AccountLock.Claim(service, accountId, now, Account.Fields.LastScoredOn, Account.Fields.LastPostedOn);
        var account = AccountCreditRecord.ReadWithReceivables(
            service, accountId, named, ReceivableColumns, out var receivables, [.. accountColumns, Account.Fields.HistoryFigures]);
        var figures = HistoryFigures.Parse(account.Row.GetAttributeValue<string>(Account.Fields.HistoryFigures));
        AmountSanityLimits.CheckPayment(
            service,
            account,
            payment.GetAttributeValue<EntityReference>(Payment.Fields.TransactionCurrencyId),
            amount,
            payment.GetAttributeValue<string>(Payment.Fields.ErpId) ?? paymentId.ToString(),
            figures?.LargestInvoice,
            receivables,
            out var configurationStamp);
        if (named.Length == 0 && discount > 0)
        {
            throw new InvalidPluginExecutionException(
                "The payment takes a discount of " + discount.ToString("0.00", CultureInfo.InvariantCulture) + " but names no invoices; name the invoices the discount was taken on.");
        }

        if (named.Length == 0)
        {
            tracing.Trace("Payment {0} names no invoices: kept as unapplied cash, nothing to settle.", paymentId);
            return new PaymentApplied(accountId, amount, 0, amount) { Account = account, Figures = figures, ConfigurationStamp = configurationStamp, PaidOn = paidOn };
        }

        // Dataverse matched the named invoices without regard to case (its collation), so they are told apart the same way here.
        var missing = named.Where(id => !receivables.Any(r => string.Equals(r.GetAttributeValue<string>(Receivable.Fields.ErpId), id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                OperationStatus.Failed,
                InvoiceReferences.NotOpenErrorCode,
                "The payment names invoice(s) " + string.Join(", ", missing) + " that are not open receivables of this account; correct the payment's applied invoices.");
        }

        // A payment settles invoices in its own currency only: an amount in another would be applied without conversion.
        var paymentCurrency = payment.GetAttributeValue<EntityReference>(Payment.Fields.TransactionCurrencyId)?.Id;
        var foreign = receivables
            .Where(r => paymentCurrency is { } currency && r.GetAttributeValue<EntityReference>(Receivable.Fields.TransactionCurrencyId) is { } invoiceCurrency && invoiceCurrency.Id != currency)
            .Select(r => r.GetAttributeValue<string>(Receivable.Fields.ErpId) + " (" + r.MoneyOrZero(Receivable.Fields.Amount).ToString("0.00", CultureInfo.InvariantCulture) + ")")
            .ToList();
        if (foreign.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                "The payment of " + amount.ToString("0.00", CultureInfo.InvariantCulture) + " is in another currency than invoice(s) " + string.Join(", ", foreign)
                + "; post it in the invoice's currency in the ERP.");
        }

        // The discount taken settles the invoices as cash does (the ERP's ledger clears them by payment plus discount); it
        // goes to the named invoices oldest due first, ahead of the cash, so an invoice never shows cash where the ERP took
        // its discount. Only cash can be left unapplied: a discount beyond what the invoices had open is refused below.
        var remaining = amount;
        var discountLeft = discount;
        var touched = 0;
        var applications = new List<AppliedToInvoice>();
        var settlements = new List<ReceivableSettlement>();
        var updates = new List<Entity>();
        var ordered = receivables.OrderBy(r => r.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate)).ToList();
        foreach (var receivable in ordered)
        {
            if (remaining <= 0 && discountLeft <= 0)
            {
                break;
            }

            var open = receivable.MoneyOrZero(Receivable.Fields.OpenAmount);
            var paidAhead = receivable.MoneyOrZero(Receivable.Fields.ErpPaidAhead);
            if (open <= 0 && paidAhead <= 0)
            {
                // Settled already (by payments that arrived first): it takes nothing and keeps its settlement; the cash stays unapplied.
                continue;
            }

            // What the ERP counted as paid on the invoice when it exported it (a payment it applied first, posted here
            // too) is matched before the open amount moves: paid = max(the ERP's figure, what creditOS applied), so the
            // same money is never counted twice (engine Ledger/PaidInTheErp). The discount goes first, then the cash.
            var discountPart = PaidInTheErp.Apply(open, paidAhead, discountLeft);
            discountLeft -= discountPart.Taken;
            var cashPart = PaidInTheErp.Apply(discountPart.OpenAfter, discountPart.PaidAheadAfter, remaining);
            remaining -= cashPart.Taken;
            var applied = discountPart.Taken + cashPart.Taken;
            var openAfter = cashPart.OpenAfter;
            if (applied == 0)
            {
                continue;
            }

            updates.Add(Settle(receivable, open, openAfter, paidAhead, cashPart.PaidAheadAfter, paidOn, new EntityReference(Payment.EntityLogicalName, paymentId), discountPart.Taken, cashPart.Taken));
            applications.Add(new AppliedToInvoice(receivable.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? string.Empty, applied, openAfter == 0));
            if (openAfter != open)
            {
                settlements.Add(new ReceivableSettlement(
                    receivable.Id,
                    receivable.GetAttributeValue<DateTime?>(Receivable.Fields.InvoiceDate),
                    receivable.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate),
                    receivable.GetAttributeValue<bool?>(Receivable.Fields.IsDisputed) == true,
                    receivable.MoneyOrZero(Receivable.Fields.Amount),
                    open,
                    openAfter));
            }

            touched++;
        }

        if (discountLeft > 0)
        {
            throw new InvalidPluginExecutionException(
                "The payment's discount taken of " + discount.ToString("0.00", CultureInfo.InvariantCulture) + " is more than the invoices it names had open after it ("
                + (discount - discountLeft).ToString("0.00", CultureInfo.InvariantCulture) + " could be taken); correct the payment's discount or its applied invoices.");
        }

        if (remaining > 0 && ordered.Count > 0)
        {
            // Cash the named invoices had no room for stays the account's unapplied cash, and is remembered as pending on the
            // last invoice it was meant for (session 14): a payment the ERP has reversed may still fill it here until its
            // reversal arrives, which then takes this cash in (engine Ledger/PaymentShares). One more update only when that
            // invoice took nothing of this payment.
            var last = ordered[ordered.Count - 1];
            var update = updates.FirstOrDefault(u => u.Id == last.Id);
            if (update is null)
            {
                update = new Entity(Receivable.EntityLogicalName, last.Id) { [Receivable.Fields.LastPaymentId] = new EntityReference(Payment.EntityLogicalName, paymentId) };
                updates.Add(update);
            }

            var shares = update.Contains(Receivable.Fields.PaymentShares) ? update.GetAttributeValue<string>(Receivable.Fields.PaymentShares) : last.GetAttributeValue<string>(Receivable.Fields.PaymentShares);
            update[Receivable.Fields.PaymentShares] = PaymentShares.Add(shares, paymentId, 0m, 0m, pending: remaining);
        }

        foreach (var update in updates)
        {
            service.Update(update);
        }

        tracing.Trace("Payment {0}: applied {1:0.00} and a discount of {2:0.00} to {3} receivable(s), {4:0.00} left unapplied.", paymentId, amount - remaining, discount, touched, remaining);
        return new PaymentApplied(accountId, amount, touched, remaining)
        {
            Applications = applications,
            Settlements = settlements,
            PaidOn = paidOn,
            Account = account,
            Figures = figures,
            ConfigurationStamp = configurationStamp,
        };
    }

    private static Entity Settle(Entity receivable, decimal openBefore, decimal openAfter, decimal paidAheadBefore, decimal paidAheadAfter, DateTime paidOn, EntityReference payment, decimal discountPart, decimal cashPart)
    {
        var update = new Entity(Receivable.EntityLogicalName, receivable.Id)
        {
            [Receivable.Fields.LastPaymentId] = payment,
            // This payment's share of the invoice, in the same write (no call): what its reversal undoes, exactly (engine Ledger/PaymentShares).
            [Receivable.Fields.PaymentShares] = PaymentShares.Add(receivable.GetAttributeValue<string>(Receivable.Fields.PaymentShares), payment.Id, cashPart, discountPart),
        };
        if (openAfter != openBefore)
        {
            update[Receivable.Fields.OpenAmount] = new Money(openAfter);
            // The worklist's figure follows the open amount in the same write (no call): the stored probability and days stay until the daily refresh.
            update[Receivable.Fields.ExpectedLateAmount] = CollectionsRefresh.ExpectedLateAmountAfter(receivable, openAfter);
        }

        if (paidAheadAfter != paidAheadBefore)
        {
            update[Receivable.Fields.ErpPaidAhead] = new Money(paidAheadAfter);
        }
        if (discountPart > 0)
        {
            update[Receivable.Fields.DiscountTaken] = new Money(receivable.MoneyOrZero(Receivable.Fields.DiscountTaken) + discountPart);
        }

        if (openAfter == 0 && openBefore > 0)
        {
            // Only a payment that settles it sets the settlement: an invoice the ERP settled keeps the ERP's.
            update[Receivable.Fields.SettledOn] = paidOn;
            var due = receivable.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate) ?? paidOn;
            update[Receivable.Fields.DaysLate] = Math.Max(0, (paidOn - due.Date).Days);
        }

        return update;
    }
}

/// <summary>What applying a payment did.</summary>
public sealed class PaymentApplied(Guid accountId, decimal amount, int receivablesTouched, decimal unapplied)
{
    public Guid AccountId { get; } = accountId;

    public decimal Amount { get; } = amount;

    public int ReceivablesTouched { get; } = receivablesTouched;

    public decimal Unapplied { get; } = unapplied;

    /// <summary>What went to each receivable (what promises to pay are kept by).</summary>
    public IReadOnlyList<AppliedToInvoice> Applications { get; init; } = [];

    public DateTime PaidOn { get; init; }

    /// <summary>What each touched receivable was and is now (what the running history figures are moved by).</summary>
    public IReadOnlyList<ReceivableSettlement> Settlements { get; init; } = [];

    /// <summary>The account's credit record as read under the lock, before the settlements (they change no account column).</summary>
    public AccountCreditRecord Account { get; init; } = null!;

    /// <summary>The running history figures the account held when the payment read it (null: none, or not readable).</summary>
    public HistoryFigures? Figures { get; init; }

    /// <summary>The credit configuration's version stamp read with the settings (null when the environment has none yet).</summary>
    public string? ConfigurationStamp { get; init; }
}

/// <summary>One receivable a payment touched: as it was read under the lock, and its open amount after the payment.</summary>
public sealed record ReceivableSettlement(Guid ReceivableId, DateTime? InvoiceDate, DateTime? DueDate, bool Disputed, decimal Amount, decimal OpenBefore, decimal OpenAfter);
