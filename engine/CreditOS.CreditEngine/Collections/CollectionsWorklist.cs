using System.Globalization;

namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// An open invoice of an account, with its prediction, as the worklist sees it. <paramref name="ErpResyncPending"/>: the
/// invoice carries the ERP re-sync flag (its ERP messages were applied out of order, so its figures may be an older ERP
/// version's until the ERP re-sends it and the flag is cleared).
/// </summary>
public sealed record WorklistInvoice(
    string InvoiceId,
    string AccountId,
    string AccountName,
    DateTime DueDate,
    decimal OpenAmount,
    bool Disputed,
    InvoicePaymentPrediction Prediction,
    DateTime? OpenPromiseDate = null,
    bool ErpResyncPending = false);

/// <summary>What the collector should do next for an invoice and by when.</summary>
public enum CollectionAction
{
    /// <summary>Nothing before the due date: the customer pays on time.</summary>
    Monitor,

    /// <summary>A reminder before the due date: likely late.</summary>
    PreDueReminder,

    /// <summary>Overdue: call the customer.</summary>
    Call,

    /// <summary>Disputed: resolve the dispute first.</summary>
    ResolveDispute,

    /// <summary>A promise to pay is open: check it the day after its date.</summary>
    CheckPromise,

    /// <summary>
    /// The invoice awaits an ERP re-sync: do not chase the customer over figures the ERP must first correct; have the ERP
    /// re-send the invoice, check it and clear the flag (Clear ERP re-sync), then the invoice is collected as any other.
    /// </summary>
    ErpResyncFirst,
}

/// <summary>The next action and the day it is due.</summary>
public sealed record NextCollectionAction(CollectionAction Action, DateTime Due);

/// <summary>A ranked worklist line: the figures, the reason in words and the next action with its due date.</summary>
public sealed record WorklistEntry(WorklistInvoice Invoice, decimal ExpectedLateAmount, string Reason, CollectionAction NextAction, DateTime NextActionDue);

/// <summary>
/// Builds a collector's worklist: every open invoice of the collector's accounts ranked by expected late amount
/// (probability of paying after due × open amount × expected days late, in amount-days), with the reason in words and
/// the next action due. Pure: the caller gives the predictions as of <c>asOf</c>.
/// </summary>
public static class CollectionsWorklist
{
    /// <summary>Probability from which a not-yet-due invoice gets a reminder before its due date.</summary>
    public const double ReminderFrom = 0.5;

    /// <summary>Days before the due date a pre-due reminder is due.</summary>
    public const int ReminderDaysBeforeDue = 5;

    public static IReadOnlyList<WorklistEntry> Build(IEnumerable<WorklistInvoice> invoices, DateTime asOf)
    {
        Require.NotNull(invoices, "The invoices");
        return invoices
            .Where(i => i.OpenAmount > 0)
            .Select(i => Entry(i, asOf))
            .OrderByDescending(e => e.ExpectedLateAmount)
            .ThenBy(e => e.Invoice.DueDate)
            .ThenBy(e => e.Invoice.InvoiceId, StringComparer.Ordinal)
            .ToList();
    }

    public static WorklistEntry Entry(WorklistInvoice invoice, DateTime asOf)
    {
        Require.NotNull(invoice, "The invoice");
        var next = NextAction(invoice, asOf.Date);
        return new WorklistEntry(invoice, invoice.Prediction.ExpectedLateAmount(invoice.OpenAmount), Reason(invoice.Prediction, invoice.DueDate), next.Action, next.Due);
    }

    /// <summary>
    /// The next action and when it is due: an ERP re-sync first, then a dispute, then an open promise, then overdue, then
    /// a reminder for a likely late payer. An invoice awaiting an ERP re-sync is not chased (no call, no reminder, not
    /// even a dispute conversation): its open amount and due date may be an older ERP version's, and a collector who
    /// calls a customer over an amount the ERP has since credited or re-dated loses the customer's trust for nothing. The
    /// action is due today because only someone acting clears it (the ERP re-sends, Finance or the collector clears).
    /// </summary>
    public static NextCollectionAction NextAction(WorklistInvoice invoice, DateTime today)
    {
        Require.NotNull(invoice, "The invoice");
        if (invoice.ErpResyncPending)
        {
            return new NextCollectionAction(CollectionAction.ErpResyncFirst, today);
        }

        if (invoice.Disputed)
        {
            return new NextCollectionAction(CollectionAction.ResolveDispute, today);
        }

        if (invoice.OpenPromiseDate is { } promised)
        {
            return new NextCollectionAction(CollectionAction.CheckPromise, Max(today, promised.Date.AddDays(1)));
        }

        if (invoice.Prediction.DaysPastDue > 0)
        {
            return new NextCollectionAction(CollectionAction.Call, today);
        }

        return invoice.Prediction.Probability >= ReminderFrom
            ? new NextCollectionAction(CollectionAction.PreDueReminder, Max(today, invoice.DueDate.Date.AddDays(-ReminderDaysBeforeDue)))
            : new NextCollectionAction(CollectionAction.Monitor, invoice.DueDate.Date.AddDays(1));
    }

    /// <summary>
    /// The prediction in words with its figures, e.g. "overdue (due 2026-01-03); 7 of 10 earlier invoices paid late;
    /// expected 9.5 days late". No count of days overdue: the text is stored, and a count would change it every day
    /// (a rewrite per open invoice every night); where the worklist is read the days overdue are shown live from the
    /// due date.
    /// </summary>
    public static string Reason(InvoicePaymentPrediction prediction, DateTime? dueDate = null)
    {
        Require.NotNull(prediction, "The prediction");
        var parts = new List<string>();
        parts.Add(prediction.DaysPastDue > 0
            ? "overdue" + (dueDate is { } due ? " (due " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")" : string.Empty)
            : Percent(prediction.Probability) + " likely to be paid late");
        parts.Add(prediction.Outcomes == 0
            ? "no payment history yet"
            : prediction.LateOutcomes + " of " + prediction.Outcomes + " earlier invoices paid late");
        if (prediction.ExpectedDaysVsDue > 0.5)
        {
            parts.Add("pays " + Days(prediction.ExpectedDaysVsDue) + " days after due on average");
        }

        if (prediction.OpenOverdue > 0)
        {
            parts.Add(prediction.OpenOverdue + " other invoice" + (prediction.OpenOverdue == 1 ? string.Empty : "s") + " overdue");
        }

        if (prediction.Disputed)
        {
            parts.Add("disputed");
        }

        parts.Add("expected " + Days(prediction.ExpectedDaysLate) + " days late");
        return string.Join("; ", parts);
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Days(double days) => days.ToString("0.#", CultureInfo.InvariantCulture);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
