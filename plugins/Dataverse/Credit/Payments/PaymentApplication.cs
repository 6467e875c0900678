using System.Globalization;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Applies a payment to the open receivables it names (ERP ids, comma-separated), oldest due first: each gets as much
/// as remains of the payment; a receivable paid in full is settled on the payment date with its days late. Each update
/// names the payment (cos_lastpaymentid), which tells the receivable's own rescoring step that the payment posting has
/// rescored the customer in the same transaction. The account's row lock is claimed before the receivables are read:
/// open amounts are written as absolute figures, so two payments on the same invoice must not both read the same
/// open amount (the second would overwrite the first one's application). Under the lock the second waits until the
/// first commits and then reads what it left. Calls: the lock claim, one query for the named receivables, then one
/// update per receivable the payment touches. A payment naming invoices that are not this account's open items is
/// refused, so nothing is half-applied.
/// </summary>
public static class PaymentApplication
{
    /// <summary>Calls before the settlements: the sanity limits, the account lock claim and the read of the named receivables.</summary>
    public const int FixedCalls = AmountSanityLimits.PaymentCalls + 2;

    private static readonly char[] Separators = [',', ';', ' '];

    /// <param name="paymentId">The payment's id (a Create's Target carries none unless the caller chose it).</param>
    public static PaymentApplied Apply(IOrganizationService service, ITracingService tracing, Entity payment, Guid paymentId, DateTime now)
    {
        var accountId = payment.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)?.Id
            ?? throw new InvalidPluginExecutionException("The payment has no customer account; set the account before posting it.");
        var amount = payment.MoneyOrZero(Payment.Fields.Amount);
        if (amount <= 0)
        {
            throw new InvalidPluginExecutionException(
                "A payment must be a positive amount (got " + amount.ToString("0.00", CultureInfo.InvariantCulture) + "); post refunds and reversals in the ERP.");
        }

        AmountSanityLimits.CheckPayment(
            service,
            accountId,
            payment.GetAttributeValue<EntityReference>(Payment.Fields.TransactionCurrencyId),
            amount,
            payment.GetAttributeValue<string>(Payment.Fields.ErpId) ?? paymentId.ToString());
        var paidOn = (payment.GetAttributeValue<DateTime?>(Payment.Fields.PaymentDate) ?? now).Date;
        var named = (payment.GetAttributeValue<string>(Payment.Fields.AppliedInvoices) ?? string.Empty)
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (named.Length == 0)
        {
            tracing.Trace("Payment {0} names no invoices: kept as unapplied cash, nothing to settle.", paymentId);
            return new PaymentApplied(accountId, amount, 0, amount);
        }

        // The payment posting rescores the account in the same transaction, which writes this column again: claiming
        // the lock with it states nothing untrue and needs no column of its own.
        // The claim also records the posting moment on the account's credit profile (cos_lastpostedon), at no extra call.
        AccountLock.Claim(service, accountId, now, Account.Fields.LastScoredOn, Account.Fields.LastPostedOn);
        var receivables = ReadNamed(service, accountId, named);
        var missing = named.Where(id => receivables.All(r => r.GetAttributeValue<string>(Receivable.Fields.ErpId) != id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                "The payment names invoice(s) " + string.Join(", ", missing) + " that are not open receivables of this account; correct the payment's applied invoices.");
        }

        var remaining = amount;
        var touched = 0;
        var applications = new List<AppliedToInvoice>();
        foreach (var receivable in receivables.OrderBy(r => r.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate)))
        {
            if (remaining <= 0)
            {
                break;
            }

            var open = receivable.MoneyOrZero(Receivable.Fields.OpenAmount);
            var applied = Math.Min(open, remaining);
            remaining -= applied;
            service.Update(Settle(receivable, open - applied, paidOn, new EntityReference(Payment.EntityLogicalName, paymentId)));
            applications.Add(new AppliedToInvoice(receivable.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? string.Empty, applied, open - applied == 0));
            touched++;
        }

        tracing.Trace("Payment {0}: applied {1:0.00} to {2} receivable(s), {3:0.00} left unapplied.", paymentId, amount - remaining, touched, remaining);
        return new PaymentApplied(accountId, amount, touched, remaining) { Applications = applications, PaidOn = paidOn };
    }

    private static Entity Settle(Entity receivable, decimal openAfter, DateTime paidOn, EntityReference payment)
    {
        var update = new Entity(Receivable.EntityLogicalName, receivable.Id)
        {
            [Receivable.Fields.OpenAmount] = new Money(openAfter),
            [Receivable.Fields.LastPaymentId] = payment,
            // The worklist's figure follows the open amount in the same write (no call): the stored probability and days stay until the daily refresh.
            [Receivable.Fields.ExpectedLateAmount] = CollectionsRefresh.ExpectedLateAmountAfter(receivable, openAfter),
        };
        if (openAfter == 0)
        {
            update[Receivable.Fields.SettledOn] = paidOn;
            var due = receivable.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate) ?? paidOn;
            update[Receivable.Fields.DaysLate] = Math.Max(0, (paidOn - due.Date).Days);
        }

        return update;
    }

    private static List<Entity> ReadNamed(IOrganizationService service, Guid accountId, string[] erpIds)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Receivable.Fields.ErpId, Receivable.Fields.OpenAmount, Receivable.Fields.DueDate, Receivable.Fields.LatePaymentProbability, Receivable.Fields.ExpectedDaysLate),
        };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        query.Criteria.AddCondition(Receivable.Fields.ErpId, ConditionOperator.In, erpIds.Cast<object>().ToArray());
        return service.RetrieveMultiple(query).Entities.ToList();
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
}
