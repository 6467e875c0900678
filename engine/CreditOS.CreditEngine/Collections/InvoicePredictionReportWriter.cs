using System.Globalization;
using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.CreditEngine.Collections;

/// <summary>Writes the invoice-level backtest report; the last line is always <c>auc=0.xxx</c> (or <c>auc=n/a</c>).</summary>
public static class InvoicePredictionReportWriter
{
    public static void Write(InvoicePredictionBacktest result, InvoicePredictionModel model, TextWriter writer, InvoicePredictionFit? fit = null)
    {
        Require.NotNull(result, "The backtest result");
        Require.NotNull(model, "The model");
        Require.NotNull(writer, "The report writer");
        writer.Write("creditOS backtest --invoices: each invoice's late-payment probability as of its invoice date vs paid after due date (no look-ahead)\n");
        writer.Write("model: " + model + "\n");
        writer.Write("invoices read: " + result.InvoicesRead + "\n");
        writer.Write("invoices scored: " + result.InvoicesScored + "\n");
        writer.Write("not yet due at end of history (not scored): " + result.NotYetDue + "\n");
        writer.Write("paid late: " + result.PaidLate + " (" + Percent(result.InvoicesScored > 0 ? (double)result.PaidLate / result.InvoicesScored : 0) + ")\n");
        writer.Write("\n");
        writer.Write("probability".PadRight(14) + "invoices".PadLeft(10) + "mean p".PadLeft(10) + "share late".PadLeft(12) + "\n");
        foreach (var band in result.Bands())
        {
            writer.Write(
                (Fixed(band.From, "0.0") + "-" + Fixed(band.From + 0.1, "0.0")).PadRight(14)
                + band.Invoices.ToString(CultureInfo.InvariantCulture).PadLeft(10)
                + Percent(band.MeanProbability).PadLeft(10)
                + Percent(band.ShareLate).PadLeft(12) + "\n");
        }

        writer.Write("\n");
        if (result.Auc is null)
        {
            writer.Write(BacktestReportWriter.WhyNoAuc(result.InvoicesScored, result.PaidLate) + "\n");
        }

        if (fit is not null)
        {
            writer.Write("fitted on this ledger: " + fit.Model + "\n");
            writer.Write("fitted_walk_forward_auc=" + BacktestReportWriter.Auc(fit.WalkForwardAuc) + " (fitted on the first " + fit.TrainInvoices + " invoices, measured on the last " + fit.TestInvoices + ")\n");
        }

        writer.Write("auc=" + BacktestReportWriter.Auc(result.Auc) + "\n");
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
