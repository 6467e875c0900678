using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// What tells a posted payment restated from a changed one (one home for the server's guard and the worker's read-back of
/// a payment id that exists). A posted payment is immutable: its posting applied its amount (and discount taken) to the
/// invoices it named, in its account and currency, and settled them on its payment date with their days late. The same
/// facts again are a redelivery; any other is a conflict for a person (the ERP posts a reversal and a new payment), never
/// an overwrite and never silently taken. Invoice numbers are compared as Dataverse compares text, without regard to case,
/// order, separators or repetition: the posting matched them that way, so "inv-1" names the invoice "INV-1" was applied to.
/// Collect the differences field by field, then ask for the <see cref="Refusal"/>.
/// </summary>
public sealed class PostedPaymentChanges
{
    private readonly List<string> _differences = new List<string>();

    /// <summary>Each difference as a phrase ("was posted as 400.00; the ERP now says 700.00").</summary>
    public IReadOnlyList<string> Differences => _differences;

    public bool Any => _differences.Count > 0;

    public PostedPaymentChanges Amount(decimal posted, decimal now)
    {
        if (posted != now)
        {
            _differences.Add("was posted as " + Figure(posted) + "; the ERP now says " + Figure(now));
        }

        return this;
    }

    public PostedPaymentChanges DiscountTaken(decimal posted, decimal now)
    {
        if (posted != now)
        {
            _differences.Add("was posted with a discount taken of " + Figure(posted) + "; the ERP now says " + Figure(now));
        }

        return this;
    }

    /// <summary>The payment date (a date only: the time of day a writer states is not the ERP's).</summary>
    public PostedPaymentChanges PaymentDate(DateTime? posted, DateTime? now)
    {
        if (posted?.Date != now?.Date)
        {
            _differences.Add("was posted dated " + Day(posted) + "; the ERP now says " + Day(now));
        }

        return this;
    }

    public PostedPaymentChanges Invoices(string? posted, string? now)
    {
        var was = CanonicalInvoices(posted);
        var then = CanonicalInvoices(now);
        if (!string.Equals(was, then, StringComparison.OrdinalIgnoreCase))
        {
            _differences.Add("was applied to invoice(s) " + Listed(was) + "; the ERP now names " + Listed(then));
        }

        return this;
    }

    /// <summary>A fact the caller compares itself (the account, the currency), with its phrase when it differs.</summary>
    public PostedPaymentChanges Same(bool same, string difference)
    {
        if (!same)
        {
            _differences.Add(difference);
        }

        return this;
    }

    /// <summary>Null when nothing differs; otherwise the refusal naming the payment and every difference with both figures.</summary>
    public string? Refusal(string payment) =>
        _differences.Count == 0
            ? null
            : "Payment " + payment + " " + string.Join("; it ", _differences) + ": a posted payment cannot change; post a reversal and a new payment in the ERP.";

    /// <summary>The applied invoices as one canonical list: separators, order, repetition and letter case do not matter.</summary>
    public static string CanonicalInvoices(string? text) =>
        string.Join(
            ",",
            InvoiceReferences.Split(text)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(id => id, StringComparer.OrdinalIgnoreCase));

    private static string Listed(string invoices) => invoices.Length == 0 ? "none" : invoices;

    private static string Figure(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateTime? date) => date is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no date";
}
