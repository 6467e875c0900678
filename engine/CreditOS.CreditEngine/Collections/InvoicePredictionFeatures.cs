namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// The model's inputs for one invoice, from the customer's <see cref="PaymentBehaviour"/> and the invoice itself. Each
/// lateness feature rises (never falls) when an earlier invoice is paid later or left unpaid past due.
/// </summary>
public static class InvoicePredictionFeatures
{
    /// <summary>Names in coefficient order (what the model text and the fitter print).</summary>
    public static readonly string[] Names =
    [
        "expected_days_vs_due",
        "late_share",
        "open_overdue",
        "disputed",
        "amount_above_usual",
        "amount_below_usual",
        "terms_longer_than_month",
        "terms_shorter_than_month",
    ];

    private const double MonthDays = 30;
    private const int OpenOverdueCap = 5;
    private const double AmountRatioCap = 3;

    /// <summary>
    /// Expected days paid relative to due for an invoice like this one: the customer's mean over undisputed outcomes,
    /// shrunk toward 0 by the prior weight; for a disputed invoice, the mean over its disputed outcomes shrunk toward that
    /// plus the model's dispute delay, never below the undisputed figure (a dispute never makes a customer pay sooner).
    /// </summary>
    public static double ExpectedDaysVsDue(PaymentBehaviour behaviour, bool disputed, InvoicePredictionModel model)
    {
        Require.NotNull(behaviour, "The payment behaviour");
        Require.NotNull(model, "The model");
        var undisputed = behaviour.UndisputedDaysVsDue / (behaviour.UndisputedOutcomes + model.PriorWeight);
        if (!disputed)
        {
            return undisputed;
        }

        var withDispute = (behaviour.DisputedDaysVsDue + (model.PriorWeight * (undisputed + model.DisputeDelayDays))) / (behaviour.DisputedOutcomes + model.PriorWeight);
        return Math.Max(undisputed, withDispute);
    }

    /// <summary>The customer's late share shrunk toward the model's prior.</summary>
    public static double LateShare(PaymentBehaviour behaviour, InvoicePredictionModel model)
    {
        Require.NotNull(behaviour, "The payment behaviour");
        Require.NotNull(model, "The model");
        return (behaviour.LateOutcomes + (model.PriorLateShare * model.PriorWeight)) / (behaviour.Outcomes + model.PriorWeight);
    }

    public static double[] For(InvoiceToPredict invoice, PaymentBehaviour behaviour, InvoicePredictionModel model)
    {
        Require.NotNull(invoice, "The invoice");
        var share = LateShare(behaviour, model);
        var usual = behaviour.UsualAmount ?? invoice.Amount;
        var ratio = usual > 0 && invoice.Amount > 0 ? Math.Log((double)(invoice.Amount / usual)) : 0;
        ratio = Math.Max(-AmountRatioCap, Math.Min(AmountRatioCap, ratio));
        var terms = invoice.TermsDays;
        return
        [
            SignedLog(ExpectedDaysVsDue(behaviour, invoice.Disputed, model)),
            Math.Log(share / (1 - share)),
            (double)Math.Min(behaviour.OpenOverdue, OpenOverdueCap) / OpenOverdueCap,
            invoice.Disputed ? 1 : 0,
            Math.Max(0, ratio),
            Math.Max(0, -ratio),
            Math.Min(3, Math.Max(0, terms - MonthDays) / MonthDays),
            Math.Max(0, MonthDays - terms) / MonthDays,
        ];
    }

    /// <summary>sign(x)·ln(1 + |x|): days matter less the more there are (5 days late against 0 weighs more than 65 against 60).</summary>
    public static double SignedLog(double value) => Math.Sign(value) * Math.Log(1 + Math.Abs(value));
}
