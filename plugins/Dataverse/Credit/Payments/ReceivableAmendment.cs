using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// An ERP change of an invoice's amount (a credit note, a correction) applied to the ledger. The open amount in
/// Dataverse is the invoice amount less the payments posted here, so an ERP message restating the whole invoice must
/// not overwrite it with the ERP's own open figure (a redelivered or late message would undo payments applied since).
/// Instead the open amount moves by the amount's change, and the settled state follows it: paid down to zero is
/// settled (on the date the ERP gives, else today, with its days late), anything open again is not settled.
/// Runs before the write under the account's row lock, the same lock payment application claims before reading, so a
/// payment and an amount change on one invoice serialize. A write stating the ERP message's source version is first
/// checked against the version the row was written from (<see cref="ReceivableVersionCheck"/>, under the same lock and
/// read; an older one naming its message id is reduced to the record of that id, <see cref="ReceivableSourceMessages"/>),
/// then against the customer it belongs to (<see cref="ReceivableOwnershipCheck"/>: a write naming another account
/// is refused). Calls: <see cref="Calls"/> (the lock claim and a fresh read of the invoice under it), +
/// <see cref="ReceivableOwnershipCheck.RefusalCalls"/> to refuse a change of customer; none when the change is the payment
/// application's own (it names the payment).
/// </summary>
public static class ReceivableAmendment
{
    public const int Calls = 2;

    /// <summary>
    /// Whether an update is the ERP's statement of the invoice: its amount or its open amount, without a payment applied (a
    /// payment's own application names the payment). Its open amount and settlement are then the rule's, not the stated
    /// ones. One home for it: <see cref="ReceivableLedgerWriters"/> asks too.
    /// </summary>
    public static bool IsRestatement(Entity target) =>
        (target.Contains(Receivable.Fields.Amount) || target.Contains(Receivable.Fields.OpenAmount)) && !target.Contains(Receivable.Fields.LastPaymentId);

    /// <param name="target">The Update's target; its open amount and settlement are replaced by the ledger's.</param>
    /// <param name="receivableId">The receivable's id (the context's primary id: an Upsert by key may leave the target's empty).</param>
    /// <param name="accountId">The receivable's account (from the pre-image).</param>
    public static void Apply(IOrganizationService service, ITracingService tracing, Entity target, Guid receivableId, Guid accountId, DateTime now)
    {
        var restated = IsRestatement(target);
        if (!restated && !target.Contains(Receivable.Fields.SourceVersion) && !target.Contains(Receivable.Fields.SourceMessageId) && !ReceivableOwnershipCheck.Moves(target, accountId))
        {
            return;
        }

        AccountLock.Claim(service, accountId, Account.Fields.LastScoredOn, now);
        var stored = service.Retrieve(
            Receivable.EntityLogicalName,
            receivableId,
            new ColumnSet([Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn, Receivable.Fields.DueDate, Receivable.Fields.ErpId, Receivable.Fields.ErpPaidAhead, Receivable.Fields.ErpPaid, Receivable.Fields.PaymentShares, .. ReceivableVersionCheck.StoredColumns, .. ReceivableSourceMessages.StoredColumns]));

        // A message the row already recorded keeps the version it was first recorded as (a re-send gets a new, higher
        // sequence number): a redelivery, superseded or a conflict, before its number is compared. The message the row was
        // written from, back under a lower number, dates the row by that first storage, or flags it for an ERP re-sync when
        // a message with other figures was stored between (the row's figures may be an older version's).
        var incoming = ReceivableSourceMessages.Incoming(target);
        if (ReceivableSourceMessages.Check(incoming, target, stored, tracing))
        {
            return;
        }

        // An older ERP version than the one the row was written from moves nothing: only its message id is recorded (or,
        // without one, it is refused).
        if (ReceivableVersionCheck.Check(target, stored, tracing, () => ReceivableSourceMessages.RecordSuperseded(target, stored, incoming)))
        {
            return;
        }

        // Then one naming another customer: the invoice, its payments and its exposure stay with its account.
        ReceivableOwnershipCheck.Check(service, target, stored, accountId);

        // Applied: the message is recorded with the figures it states (taken before the ledger replaces the stated open amount).
        ReceivableSourceMessages.Record(target, stored, incoming);
        if (!restated)
        {
            return;
        }

        var amountBefore = stored.MoneyOrZero(Receivable.Fields.Amount);
        var amountAfter = target.Contains(Receivable.Fields.Amount) ? target.MoneyOrZero(Receivable.Fields.Amount) : amountBefore;
        var openBefore = stored.MoneyOrZero(Receivable.Fields.OpenAmount);
        var aheadBefore = stored.MoneyOrZero(Receivable.Fields.ErpPaidAhead);
        var erpOpen = target.Contains(Receivable.Fields.OpenAmount) ? target.MoneyOrZero(Receivable.Fields.OpenAmount) : (decimal?)null;
        decimal openAfter;
        var aheadAfter = aheadBefore;
        if (erpOpen is { } stated)
        {
            // Session 14: the ERP's open figure is fed to the rule (engine Ledger/PaidInTheErp.Restate): paid = max(what the ERP
            // says is paid, what creditOS applied), so the ERP saying more is paid lowers the open amount to its figure and the
            // payments behind it are matched when they come; the ERP saying more is open reopens what only its figure held;
            // what creditOS applied itself is taken back only by the payment's reversal (never counted twice).
            var applied = PaidInTheErp.Applied(amountBefore, openBefore, aheadBefore);
            var erpPaid = amountAfter - Math.Min(Math.Max(0m, stated), amountAfter);
            PendingCash.Follow(service, tracing, target, stored, accountId, erpPaid, ref applied);
            if (stored.MoneyOrNull(Receivable.Fields.ErpPaid) != erpPaid)
            {
                target[Receivable.Fields.ErpPaid] = new Money(erpPaid);
            }

            var restatement = PaidInTheErp.Restate(applied, amountAfter, stated)
                ?? throw new InvalidPluginExecutionException(OperationStatus.Failed, PaidInTheErp.BelowAppliedErrorCode, string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} cannot be reduced to {1:0.00}: {2:0.00} of it is paid by payments posted in creditOS (amount {3:0.00}, open {4:0.00}). Post the refund or reversal in the ERP first.",
                    stored.GetAttributeValue<string>(Receivable.Fields.ErpId),
                    amountAfter,
                    applied,
                    amountBefore,
                    openBefore));
            openAfter = restatement.Open;
            aheadAfter = restatement.PaidAhead;
            if (stated != openAfter)
            {
                tracing.Trace(
                    "Invoice {0}: the ERP states open {1:0.00}; the ledger keeps {2:0.00} (amount {3:0.00} → {4:0.00}, {5:0.00} applied by payments posted here, until their reversal).",
                    receivableId, stated, openAfter, amountBefore, amountAfter, applied);
            }
        }
        else
        {
            // A write of the amount alone (no open figure stated): the open amount moves by the change of amount, as before.
            var paid = amountBefore - openBefore;
            if (amountAfter < paid)
            {
                throw new InvalidPluginExecutionException(OperationStatus.Failed, PaidInTheErp.BelowAppliedErrorCode, string.Format(
                    CultureInfo.InvariantCulture,
                    "Invoice {0} cannot be reduced to {1:0.00}: {2:0.00} of it is already paid (amount {3:0.00}, open {4:0.00}). Post the refund or reversal in the ERP first.",
                    stored.GetAttributeValue<string>(Receivable.Fields.ErpId),
                    amountAfter,
                    paid,
                    amountBefore,
                    openBefore));
            }

            openAfter = amountAfter - paid;
        }

        if (aheadAfter != aheadBefore)
        {
            target[Receivable.Fields.ErpPaidAhead] = new Money(aheadAfter);
        }

        SetOrDrop(target, Receivable.Fields.OpenAmount, new Money(openAfter), openAfter != openBefore);
        var settledBefore = stored.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn);
        if (openAfter == 0 && settledBefore is null)
        {
            var settledOn = (target.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn) ?? now).Date;
            target[Receivable.Fields.SettledOn] = settledOn;
            var due = (stored.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate) ?? settledOn).Date;
            target[Receivable.Fields.DaysLate] = Math.Max(0, (settledOn - due).Days);
        }
        else if (openAfter > 0 && settledBefore is not null)
        {
            target[Receivable.Fields.SettledOn] = null;
            target[Receivable.Fields.DaysLate] = null;
        }
        else
        {
            // The settled state does not change: keep the stored settlement, whatever the message restates.
            target.Attributes.Remove(Receivable.Fields.SettledOn);
        }

        tracing.Trace("Invoice {0}: amount {1:0.00} → {2:0.00}, open {3:0.00} → {4:0.00}.", receivableId, amountBefore, amountAfter, openBefore, openAfter);
    }

    private static void SetOrDrop(Entity target, string column, object value, bool changed)
    {
        if (changed)
        {
            target[column] = value;
        }
        else
        {
            target.Attributes.Remove(column);
        }
    }
}
