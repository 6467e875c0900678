using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Calibration;

namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// Fits the model's coefficients on a ledger with the non-negative logistic regression (so the laws hold for any fit),
/// walk-forward: fitted on the invoices of the earlier part of the history and measured on the later part, so the AUC
/// it reports is out of sample. The returned model is refitted on every invoice.
/// </summary>
public static class InvoicePredictionFitter
{
    private const double L2Penalty = 0.001;

    public static InvoicePredictionFit Fit(IReadOnlyList<BacktestInvoice> invoices, InvoicePredictionModel settings, double trainShare = 0.7)
    {
        Require.NotNull(invoices, "The invoices");
        Require.NotNull(settings, "The model settings");
        var replay = InvoicePredictionBacktester.Run(invoices, settings);
        var rows = replay.Observations.OrderBy(o => o.Invoice.InvoiceDate).ToList();
        if (rows.Count < 20 || rows.All(r => r.PaidLate) || rows.All(r => !r.PaidLate))
        {
            throw new CreditInputException("Fitting the invoice model needs at least 20 invoices with an outcome, some paid late and some on time (got " + rows.Count + ").");
        }

        var cut = (int)(rows.Count * trainShare);
        var train = rows.Take(cut).ToList();
        var test = rows.Skip(cut).ToList();
        var walkForward = FitOn(train, settings);
        var outOfSample = RocAuc.Compute(test.Select(o => new ScoredOutcome(Score(walkForward, o.Features), o.PaidLate)).ToList());
        var model = FitOn(rows, settings);
        return new InvoicePredictionFit(model, outOfSample, train.Count, test.Count);
    }

    private static InvoicePredictionModel FitOn(IReadOnlyList<InvoicePredictionObservation> rows, InvoicePredictionModel settings)
    {
        var fit = NonNegativeLogisticRegression.Fit(rows.Select(r => r.Features).ToList(), rows.Select(r => r.PaidLate).ToList(), L2Penalty);
        return settings with { Intercept = Math.Round(fit.Intercept, 4), Coefficients = fit.Coefficients.Select(c => Math.Round(c, 4)).ToArray() };
    }

    private static double Score(InvoicePredictionModel model, double[] features)
    {
        var z = model.Intercept;
        for (var i = 0; i < features.Length; i++)
        {
            z += model.Coefficients[i] * features[i];
        }

        return z;
    }
}

/// <summary>A fitted model and its AUC on the later invoices it was not fitted on.</summary>
public sealed record InvoicePredictionFit(InvoicePredictionModel Model, double? WalkForwardAuc, int TrainInvoices, int TestInvoices);
