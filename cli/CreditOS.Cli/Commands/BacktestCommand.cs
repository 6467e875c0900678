using System.CommandLine;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Collections;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Cli.Ledger;
using CreditOS.Cli.Simulation;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos backtest &lt;csv&gt;</c>: replays an accounts-receivable history and reports how well the Risk score
/// predicts late payment (no look-ahead). <c>creditos backtest --invoices &lt;csv&gt; [--model TEXT] [--fit]</c>: scores
/// each invoice with the invoice-level payment prediction as of its invoice date instead. The last line of either
/// report is <c>auc=0.xxx</c>.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var csv = new Argument<FileInfo?>("csv")
        {
            Description = "Accounts-receivable history: customer_id,invoice_id,invoice_date,due_date,amount,settled_date[,disputed] (or the names ERP exports give them)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var invoices = new Option<FileInfo?>("--invoices")
        {
            Description = "Score each invoice of this history (same CSV format) with the invoice-level payment prediction instead of the risk score",
        };
        var model = new Option<string?>("--model")
        {
            Description = "Invoice model coefficients as name=value;... (default: the shipped set), with --invoices",
        };
        var fit = new Option<bool>("--fit")
        {
            Description = "Also fit the invoice model on this ledger (walk-forward) and print the fitted set, with --invoices",
        };
        var candidate = new Option<FileInfo?>("--candidate")
        {
            Description = "A rule-set version file (as creditos calibrate writes) to compare with the shipped rule set on this ledger: its AUC, the paired difference with a 95% interval (bootstrap over customers) and a verdict",
        };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples of the customers for --candidate's interval",
            DefaultValueFactory = _ => PairedBootstrap.DefaultResamples,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the bootstrap (the same seed gives the same interval)",
            DefaultValueFactory = _ => DefaultSeed,
        };
        var command = new Command("backtest", "Replay an AR history and measure how well the risk score (or, with --invoices, the invoice-level prediction) predicts late payment (no look-ahead).")
        {
            csv,
            invoices,
            model,
            fit,
            candidate,
            bootstrap,
            seed,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(invoices) is { } invoiceFile)
            {
                return RunInvoices(invoiceFile, parseResult.GetValue(model), parseResult.GetValue(fit), output, error);
            }

            if (parseResult.GetValue(csv) is not { } history)
            {
                error.WriteLine("backtest: give an AR history CSV, or --invoices FILE for the invoice-level prediction.");
                return ExitCodes.MalformedInput;
            }

            return parseResult.GetValue(candidate) is { } candidateFile
                ? RunWithCandidate(history, candidateFile, parseResult.GetValue(bootstrap), parseResult.GetValue(seed), output, error)
                : Run(history, output, error);
        });
        return command;
    }

    /// <summary>The invoice-level backtest: every invoice scored as of its invoice date; last line <c>auc=0.xxx</c>.</summary>
    public static int RunInvoices(FileInfo csv, string? modelText, bool fit, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!csv.Exists)
        {
            error.WriteLine("backtest: file not found: " + csv.FullName);
            return ExitCodes.FileNotFound;
        }

        try
        {
            var rows = ArHistoryFile.Read(csv, "backtest", error);
            var model = modelText is null ? InvoicePredictionModel.Default : InvoicePredictionModel.Parse(modelText);
            var result = InvoicePredictionBacktester.Run(rows, model);
            InvoicePredictionReportWriter.Write(result, model, output, fit ? InvoicePredictionFitter.Fit(rows, model) : null);
            return ExitCodes.Succeeded;
        }
        catch (BacktestFormatException ex)
        {
            error.WriteLine("backtest: " + csv.Name + ", " + ex.Message);
            return ExitCodes.MalformedInput;
        }
        catch (CreditOS.CreditEngine.CreditInputException ex)
        {
            error.WriteLine("backtest: " + ex.Message);
            return ExitCodes.MalformedInput;
        }
    }

    /// <summary>The bootstrap's seed when none is given.</summary>
    public const int DefaultSeed = 20260101;

    public static int Run(FileInfo csv, TextWriter output, TextWriter error) => Run(csv, null, output, error);

    /// <summary>
    /// The backtest with a candidate rule set beside the shipped one: the same replay scored under both, the paired
    /// bootstrap over customers, and the comparison printed before the last three lines (which stay the shipped set's).
    /// </summary>
    public static int RunWithCandidate(FileInfo csv, FileInfo candidate, int resamples, int seed, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(error);
        if (!candidate.Exists)
        {
            error.WriteLine("backtest: candidate file not found: " + candidate.FullName);
            return ExitCodes.FileNotFound;
        }

        if (resamples < 1)
        {
            error.WriteLine("backtest: --bootstrap needs at least 1 resample; " + resamples + " was given.");
            return ExitCodes.MalformedInput;
        }

        CreditConfiguration candidateConfiguration;
        string label;
        try
        {
            (label, candidateConfiguration) = CandidateConfigurationFile.ApplyRuleSetFile(File.ReadAllText(candidate.FullName), DefaultCreditConfiguration.Create());
        }
        catch (CreditOS.CreditEngine.CreditInputException ex)
        {
            error.WriteLine("backtest: candidate " + candidate.Name + " refused: " + ex.Message);
            return ExitCodes.MalformedInput;
        }

        return Run(csv, new CandidateRun(label, candidateConfiguration, resamples, seed), output, error);
    }

    private sealed record CandidateRun(string Label, CreditConfiguration Configuration, int Resamples, int Seed);

    private static int Run(FileInfo csv, CandidateRun? candidate, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!csv.Exists)
        {
            error.WriteLine("backtest: file not found: " + csv.FullName);
            return ExitCodes.FileNotFound;
        }

        try
        {
            var invoices = ArHistoryFile.Read(csv, "backtest", error);
            var result = Backtester.Run(invoices, DefaultCreditConfiguration.Create());
            CandidateComparison? comparison = null;
            if (candidate is not null)
            {
                // Same invoices, same replay order, only the rule set differs: the observations pair by position.
                var candidateResult = Backtester.Run(invoices, candidate.Configuration);
                comparison = new CandidateComparison(
                    candidate.Label,
                    PairedBootstrap.Compare(result.Observations, candidateResult.Observations, candidate.Resamples, candidate.Seed),
                    candidate.Seed);
            }

            BacktestReportWriter.Write(result, output, comparison);
            return ExitCodes.Succeeded;
        }
        catch (BacktestFormatException ex)
        {
            error.WriteLine("backtest: " + csv.Name + ", " + ex.Message);
            return ExitCodes.MalformedInput;
        }
        catch (CreditOS.CreditEngine.CreditInputException ex)
        {
            // What the replay refuses in an invoice the reader let through: said, never a stack trace.
            error.WriteLine("backtest: " + csv.Name + ": " + ex.Message);
            return ExitCodes.MalformedInput;
        }
    }
}
