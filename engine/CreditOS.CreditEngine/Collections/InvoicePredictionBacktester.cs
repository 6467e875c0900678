using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Collections;

/// <summary>One invoice scored as of its invoice date and what happened (paid after its due date, or still unpaid past it).</summary>
public sealed record InvoicePredictionObservation(BacktestInvoice Invoice, double Score, InvoicePaymentPrediction Prediction, double[] Features, bool PaidLate);

/// <summary>The invoice-level backtest: invoices read, scored, not yet due at the end, paid late, and the AUC.</summary>
public sealed record InvoicePredictionBacktest(int InvoicesRead, int InvoicesScored, int NotYetDue, int PaidLate, double? Auc, IReadOnlyList<InvoicePredictionObservation> Observations)
{
    /// <summary>Mean predicted probability against the share paid late, per tenth of probability (calibration).</summary>
    public IReadOnlyList<ProbabilityBand> Bands() =>
        Observations
            .GroupBy(o => Math.Min(9, (int)(o.Prediction.Probability * 10)))
            .OrderBy(g => g.Key)
            .Select(g => new ProbabilityBand(g.Key / 10.0, g.Count(), g.Average(o => o.Prediction.Probability), g.Count(o => o.PaidLate) / (double)g.Count()))
            .ToList();
}

/// <summary>Invoices predicted from <see cref="From"/> to From + 0.1: their mean probability and the share actually paid late.</summary>
public sealed record ProbabilityBand(double From, int Invoices, double MeanProbability, double ShareLate);

/// <summary>
/// Replays an accounts-receivable history and scores every invoice as of its own invoice date, from what was known then
/// about its customer (earlier invoices settled by that date, earlier invoices open past due on it) and the invoice
/// itself, its disputed flag included (disputes are raised while an invoice is open). Never a settlement after the
/// date. The outcome is whether it was paid after its due date; an invoice still open and not yet due at the end of
/// the history has no outcome and is left out, as in the Risk score's backtest.
/// </summary>
public static class InvoicePredictionBacktester
{
    public static InvoicePredictionBacktest Run(IReadOnlyList<BacktestInvoice> invoices, InvoicePredictionModel model)
    {
        Require.NotNull(invoices, "The invoices");
        Require.NotNull(model, "The model");
        model.Validated();
        var end = HistoryEnd(invoices);
        var observations = new List<InvoicePredictionObservation>(invoices.Count);
        var notYetDue = 0;
        foreach (var customer in invoices.GroupBy(i => i.CustomerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = customer.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal).ToList();
            var records = ordered.Select(i => new InvoiceRecord(i.InvoiceId, i.InvoiceDate, i.DueDate, i.Amount, i.SettledDate, i.Disputed)).ToList();
            for (var index = 0; index < ordered.Count; index++)
            {
                var invoice = ordered[index];
                if (invoice.SettledDate is null && end is { } last && invoice.DueDate >= last)
                {
                    notYetDue++;
                    continue;
                }

                // Only invoices issued before this one's date: From() ignores any issued on or after it.
                var behaviour = PaymentBehaviour.From(records.Take(index), invoice.InvoiceDate);
                var toPredict = new InvoiceToPredict(invoice.InvoiceDate, invoice.DueDate, invoice.Amount, invoice.Amount, invoice.Disputed);
                var prediction = InvoicePaymentPredictor.Predict(toPredict, behaviour, invoice.InvoiceDate, model);
                var paidLate = invoice.SettledDate is not { } settled || settled > invoice.DueDate;
                observations.Add(new InvoicePredictionObservation(
                    invoice,
                    InvoicePaymentPredictor.LinearScore(toPredict, behaviour, model),
                    prediction,
                    InvoicePredictionFeatures.For(toPredict, behaviour, model),
                    paidLate));
            }
        }

        return new InvoicePredictionBacktest(
            invoices.Count,
            observations.Count,
            notYetDue,
            observations.Count(o => o.PaidLate),
            RocAuc.Compute(observations.Select(o => new ScoredOutcome(o.Score, o.PaidLate)).ToList()),
            observations);
    }

    private static DateTime? HistoryEnd(IReadOnlyList<BacktestInvoice> invoices)
    {
        DateTime? end = null;
        foreach (var invoice in invoices)
        {
            var latest = invoice.SettledDate is { } settled && settled > invoice.InvoiceDate ? settled : invoice.InvoiceDate;
            end = end is null || latest > end ? latest : end;
        }

        return end;
    }
}
