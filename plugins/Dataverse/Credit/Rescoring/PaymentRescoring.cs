using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Rescores the account a payment was just applied to, in the payment's transaction and under the lock its
/// application claimed (the account's credit record was read with the named receivables; nothing is read twice).
/// <list type="bullet">
/// <item>The <b>cheap path</b> (<see cref="CheapCalls"/>: the orders aggregate and the account write, plus the
/// history row when the picture changed): when the account keeps history figures as of today
/// (<see cref="HistoryFigures"/>) that hold every receivable the payment touched exactly as it was read under the
/// lock, and no promise to pay is open, the payment is applied to the figures and they are summarized by the same code
/// a full rescoring uses; the configuration comes from the cache under its version stamp
/// (<see cref="CreditConfigurationCache"/>).</item>
/// <item>Otherwise the <b>full path</b>: the configuration (cached likewise) and the six history aggregates, which
/// write the figures afresh for the next payment of the day. The first payment of a day, a payment on a receivable
/// another writer changed since the figures were made (an ERP amendment, a dispute, a new invoice not yet rescored)
/// or for an account with an open promise takes it.</item>
/// </list>
/// The figures count back from their day, so they are never used on another day: there is no drift to correct, the
/// first payment of the next day (or any rescoring) makes them again from the aggregates.
/// </summary>
public static class PaymentRescoring
{
    /// <summary>Calls of the cheap path at most: the orders aggregate, the account write, the score-history row.</summary>
    public const int CheapCalls = 3;

    /// <summary>Calls of the full path at most: the configuration, the history aggregates, the account write, the score-history row.</summary>
    public const int FullCalls = CreditConfigurationReader.Calls + HistoryAggregates.Calls + 2;

    public static RescoreResult Rescore(IOrganizationService service, ITracingService tracing, Guid organizationId, PaymentApplied applied, string cause, DateTime now)
    {
        var account = applied.Account;
        var context = AccountRescoring.ContextOf(account, now);
        var configured = CreditConfigurationCache.Read(service, tracing, organizationId, applied.ConfigurationStamp);
        var figures = Applied(account, applied, now, out var why);
        HistoryAggregates.OrderTotals orders;
        if (figures is null)
        {
            tracing.Trace("Payment rescoring of account {0} from the history aggregates: {1}.", account.Id, why);
            figures = HistoryAggregates.ReadFigures(service, account.Id, context, out orders);
        }
        else
        {
            tracing.Trace("Payment rescoring of account {0} from its history figures of {1:yyyy-MM-dd}.", account.Id, figures.AsOf);
            orders = HistoryAggregates.ReadOrders(service, account.Id);
        }

        var evaluation = AccountRescoring.Evaluate(account, configured, figures.ToReading(account.Id, context, orders), now, figures);
        return AccountRescoring.Commit(service, tracing, evaluation, ScoreTrigger.Event, cause, now);
    }

    /// <summary>The account's figures with the payment applied, or null (and why) when they cannot stand for the aggregates.</summary>
    internal static HistoryFigures? Applied(Credit.Accounts.AccountCreditRecord account, PaymentApplied applied, DateTime now, out string why)
    {
        var figures = applied.Figures;
        if (figures is null)
        {
            why = "the account keeps no history figures";
            return null;
        }

        if (figures.AsOf != now.Date)
        {
            why = "its history figures are of " + figures.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }

        // A promise the payment keeps changes the promise counts after this rescoring: read them from the aggregates.
        if (figures.Promises.Open > 0 || (account.Row.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount) ?? 0) > 0)
        {
            why = "a promise to pay is open";
            return null;
        }

        foreach (var settlement in applied.Settlements)
        {
            if (settlement.InvoiceDate is not { } invoiced || settlement.DueDate is not { } due
                || !figures.Settle(settlement.ReceivableId, invoiced.Date, due.Date, settlement.Disputed, settlement.Amount, settlement.OpenBefore, settlement.OpenAfter, applied.PaidOn))
            {
                why = "receivable " + settlement.ReceivableId + " is not in its history figures as it is now";
                return null;
            }
        }

        why = string.Empty;
        return figures;
    }
}
