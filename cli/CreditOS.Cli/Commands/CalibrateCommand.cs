using System.CommandLine;
using System.Globalization;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Configuration;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos calibrate &lt;csv&gt; [--output FILE]</c>: fits the risk weights and the segment prior to a company's own
/// accounts-receivable ledger, validates them walk-forward (each invoice scored only with weights fitted on outcomes
/// known before its date), writes the fitted rule set as a new version file for an admin to import, and prints
/// <c>walk_forward_auc=0.xxx</c> as its last line.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var csv = new Argument<FileInfo>("csv")
        {
            Description = "Accounts-receivable history: customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed",
        };
        var output = new Option<FileInfo?>("--output")
        {
            Description = "Where to write the fitted rule-set version (JSON; default: scoring-ruleset-v<version>.json in the current directory)",
        };
        var command = new Command("calibrate", "Fit the risk weights to your own ledger (walk-forward validated) and write them as a new rule-set version.")
        {
            csv,
            output,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(csv)!,
            parseResult.GetValue(output),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(FileInfo csv, FileInfo? outputFile, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!csv.Exists)
        {
            error.WriteLine("calibrate: file not found: " + csv.FullName);
            return ExitCodes.FileNotFound;
        }

        IReadOnlyList<BacktestInvoice> invoices;
        try
        {
            invoices = ArHistoryFile.Read(csv, "calibrate", error);
        }
        catch (BacktestFormatException ex)
        {
            error.WriteLine("calibrate: " + csv.Name + ", " + ex.Message);
            return ExitCodes.MalformedInput;
        }

        // Where the rule set goes is checked before the fit, which can take minutes on a long ledger (session 21: a
        // missing folder failed with a stack trace after the whole calibration).
        if (outputFile?.Directory is { Exists: false } missing)
        {
            error.WriteLine("calibrate: cannot write the rule set to " + outputFile.FullName + ": the folder " + missing.FullName + " does not exist.");
            return ExitCodes.MalformedInput;
        }

        CalibrationResult result;
        try
        {
            result = Calibrator.Run(invoices, DefaultCreditConfiguration.Create());
        }
        catch (CreditOS.CreditEngine.CreditInputException ex)
        {
            error.WriteLine("calibrate: " + csv.Name + ": " + ex.Message);
            return ExitCodes.MalformedInput;
        }

        var ruleSet = result.RuleSet;
        var target = outputFile ?? new FileInfo("scoring-ruleset-v" + ruleSet.Version.ToString(CultureInfo.InvariantCulture) + ".json");
        var auc = BacktestReportWriter.Auc(result.WalkForwardAuc);
        var description = "Calibrated by creditos calibrate on " + csv.Name + " (" + result.InvoicesScored + " invoices), walk-forward AUC " + auc + ".";
        var fitted = result.Factors.Count > 0;
        if (fitted)
        {
            try
            {
                OutputFile.WriteText(target.FullName, RuleSetVersionFile.ToJson(ruleSet, description));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("calibrate: cannot write the rule set to " + target.FullName + ": " + ex.Message);
                return ExitCodes.MalformedInput;
            }
        }

        output.Write("creditOS calibrate: risk weights fitted to " + csv.Name + " (non-negative logistic regression, walk-forward validated)\n");
        output.Write("invoices read: " + result.InvoicesRead + "\n");
        output.Write("invoices scored walk-forward: " + result.InvoicesScored + " (" + result.ScoredWithStartingRuleSet + " with the shipped rule set before enough outcomes were known)\n");
        output.Write("monthly refits: " + result.Refits + "\n\n");
        output.Write("factor                             coefficient   weight\n");
        foreach (var factor in result.Factors)
        {
            output.Write(factor.Factor.ToString().PadRight(34) + Number(factor.Coefficient, "0.000").PadLeft(12) + Number(factor.Weight, "0.0").PadLeft(9) + "\n");
        }

        var evidence = ruleSet.Evidence;
        output.Write("\nfitted weights count " + Number(result.FittedShare * 100, "0") + "% against the shipped weights (credibility of "
            + result.InvoicesScored + " outcomes against " + Number(new CalibrationOptions().StartingWeightCredibility, "0") + ")\n");
        output.Write("segment prior: " + PriorText(result.Prior) + ": late share " + Number(evidence.PriorLateShare * 100, "0.0") + "%, beyond 15 days " + Number(evidence.PriorLateBeyond15DaysShare * 100, "0.0")
            + "%, average days vs due " + Number(evidence.PriorDaysVsDue, "0.0") + "\n");
        output.Write("recency weights (last 3 months … older): " + string.Join(", ", evidence.BandWeights.Select(w => Number(w, "0.###"))) + ", " + RecencyText(result.RecencyExponent) + "\n");
        output.Write(fitted
            ? "rule set '" + ruleSet.Name + "' v" + ruleSet.Version + " written to " + target.FullName + "\n\n"
            : "no rule set written: too few outcomes to fit (" + result.InvoicesScored + " known; a fit needs at least " + new CalibrationOptions().MinimumOutcomes
                + " with late and on-time payments among them), so the shipped rule set v" + ruleSet.Version + " stands\n\n");
        if (result.WalkForwardAuc is null)
        {
            output.Write(BacktestReportWriter.WhyNoAuc(result.InvoicesScored, result.WalkForwardScores.Count(s => s.PaidLate)) + "\n");
        }

        output.Write("walk_forward_auc=" + auc + "\n");
        return ExitCodes.Succeeded;
    }

    private static string RecencyText(double exponent) => exponent switch
    {
        1 => "the shipped ones",
        > 1 => "the shipped ones raised to " + Number(exponent, "0.##") + " (habits change on this ledger: recent invoices count more)",
        _ => "the shipped ones raised to " + Number(exponent, "0.##") + " (habits last on this ledger: older invoices keep more weight)",
    };

    private static string PriorText(PriorSource prior) => prior switch
    {
        PriorSource.Ledger => "the ledger's own",
        PriorSource.Midpoint => "halfway between the shipped one and the ledger's",
        _ => "the shipped one (too few outcomes to fit)",
    };

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
